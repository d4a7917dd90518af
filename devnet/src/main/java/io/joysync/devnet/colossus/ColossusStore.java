package io.joysync.devnet.colossus;

import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.DataObject;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storage node's files and its view of the chain: the pre-upload checks of Colossus (bucket
 * operated here, bag parse, bag assigned to bucket, object exists, not already stored), the
 * post-upload size and BLAKE3 multihash checks against the on-chain data object, and the pending
 * directory from which objects are accepted on chain after a delay.
 */
public final class ColossusStore {
  private static final Pattern BAG = Pattern.compile("dynamic:channel:(\\d{1,19})");

  /** Where an upload goes once pre-checks pass. */
  public record Target(long objectId, long bucketId, long channelId, DataObject object) {}

  private final ChainNode chain;
  private final Path pendingDir;
  private final Path acceptedDir;
  private final Path tempDir;
  private final Set<Long> buckets;
  private final Duration acceptDelay;
  private final ScheduledExecutorService scheduler;
  private final Map<Long, Boolean> stored = new ConcurrentHashMap<>();

  public ColossusStore(
      ChainNode chain,
      Path dataDir,
      Set<Long> buckets,
      Duration acceptDelay,
      ScheduledExecutorService scheduler) {
    this.chain = chain;
    this.buckets = Set.copyOf(buckets);
    this.acceptDelay = acceptDelay;
    this.scheduler = scheduler;
    try {
      this.pendingDir = Files.createDirectories(dataDir.resolve("pending"));
      this.acceptedDir = Files.createDirectories(dataDir.resolve("accepted"));
      this.tempDir = Files.createDirectories(dataDir.resolve("temp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the storage node's directories", e);
    }
  }

  public Set<Long> buckets() {
    return buckets;
  }

  public Path newTempFile() {
    try {
      return Files.createTempFile(tempDir, "upload-", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks made before the body is read; throws {@link UploadError}. */
  public Target precheck(String objectIdText, String bucketIdText, String bagIdText) {
    long bucketId = parseId(bucketIdText, "storageBucketId");
    long objectId = parseId(objectIdText, "dataObjectId");
    if (!buckets.contains(bucketId)) {
      throw new UploadError(503, "Server is not accepting uploads into this bucket");
    }
    Matcher m = BAG.matcher(bagIdText == null ? "" : bagIdText);
    if (!m.matches()) {
      throw new UploadError(400, "Error: Invalid bagId: " + bagIdText);
    }
    long channelId = Long.parseLong(m.group(1));
    Optional<StorageBucket> bucket = chain.read(rt -> rt.state().bucket(bucketId));
    if (bucket.isEmpty()) {
      throw new UploadError(400, "Error: Incorrect storage bucket ID.");
    }
    Optional<Bag> bag = chain.read(rt -> rt.state().channelBag(channelId));
    if (bag.isEmpty() || !bag.get().storedBy().contains(bucketId)) {
      throw new UploadError(
          400, "Error: Storage bucket " + bucketId + " is not assigned to bag " + bagIdText);
    }
    Optional<DataObject> object = chain.read(rt -> rt.state().dataObject(channelId, objectId));
    if (object.isEmpty()) {
      throw new UploadError(
          400, "Error: Data object " + objectId + " doesn't exist in storage bag " + bagIdText);
    }
    Boolean accepted = stored.get(objectId);
    if (accepted != null) {
      throw new UploadError(
          400,
          "Error: Data object "
              + objectId
              + " already exists ("
              + (accepted ? "in storage" : "pending")
              + ")");
    }
    return new Target(objectId, bucketId, channelId, object.get());
  }

  private static long parseId(String text, String name) {
    try {
      long v = Long.parseLong(text == null ? "" : text);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UploadError(400, "Error: Invalid " + name + ": " + text);
    }
  }

  /**
   * Verifies a received file against the object and keeps it as pending; schedules acceptance.
   * Deletes the temp file when it is refused.
   */
  public void complete(Target t, Path temp, long size, String contentId) {
    try {
      if (size != t.object().size()) {
        throw new UploadError(
            400,
            "Error: File size doesn't match the data object's size for data object ID = "
                + t.objectId());
      }
      String onChain = new String(t.object().ipfsContentId(), StandardCharsets.ISO_8859_1);
      if (!onChain.equals(contentId)) {
        throw new UploadError(
            400,
            "Error: File multihash doesn't match the data object's ipfsContentId for data object"
                + " ID = "
                + t.objectId());
      }
      if (stored.putIfAbsent(t.objectId(), false) != null) {
        throw new UploadError(
            400, "Error: Data object " + t.objectId() + " already exists (pending)");
      }
      Files.move(
          temp,
          pendingDir.resolve(Long.toString(t.objectId())),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      discard(temp);
    }
    scheduler.schedule(() -> accept(t), acceptDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept(Target t) {
    chain.enqueueOperatorAction(
        rt -> {
          rt.acceptPendingDataObjects(t.bucketId(), t.channelId(), List.of(t.objectId()));
          moveToAccepted(t.objectId());
        });
  }

  private void moveToAccepted(long id) {
    try {
      Path from = pendingDir.resolve(Long.toString(id));
      if (Files.exists(from)) {
        Files.move(
            from, acceptedDir.resolve(Long.toString(id)), StandardCopyOption.REPLACE_EXISTING);
      }
      stored.put(id, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored file of an object (pending or accepted). */
  public Optional<Path> file(long id) {
    Path accepted = acceptedDir.resolve(Long.toString(id));
    if (Files.exists(accepted)) {
      return Optional.of(accepted);
    }
    Path pending = pendingDir.resolve(Long.toString(id));
    return Files.exists(pending) ? Optional.of(pending) : Optional.empty();
  }

  public List<Long> storedIds() {
    List<Long> ids = new ArrayList<>(stored.keySet());
    ids.sort(Long::compare);
    return ids;
  }

  public long storedBytes() {
    long total = 0;
    for (long id : stored.keySet()) {
      Optional<Path> f = file(id);
      if (f.isPresent()) {
        try {
          total += Files.size(f.get());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return total;
  }
}
