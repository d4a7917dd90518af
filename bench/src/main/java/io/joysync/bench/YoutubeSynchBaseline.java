package io.joysync.bench;

import io.joysync.engine.publish.VideoToCreate;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.rpc.ChainTypes;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import io.joysync.joystream.rpc.RpcSubscription;
import io.joysync.joystream.rpc.TransactionPoolException;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.storage.ChainState;
import io.joysync.joystream.storage.StorageKeys;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * youtube-synch's way of publishing (youtube-synch.md 5.1, 5.3, 5.7), as the baseline, on
 * joystream-client alone. One collaborator member signs every video with its sr25519 key (the
 * devnet's member 3). A batch processor takes up to {@value #BATCH} queued videos, builds them as
 * youtube-synch does ({@link YoutubeSynchBatch}), signs one {@code utility.batch_all} with the
 * RPC's next index as nonce and polkadot.js's default 64-block era, submits and watches it, and on
 * {@code InBlock} (or {@code Finalized}, whichever comes first) reads the block's events for it; it
 * never waits for finality. One extrinsic is in flight at a time, and before the next batch it
 * waits until Orion's {@code squidStatus} height reaches the block of the last one, so that Orion's
 * channel counts (the app-action nonces) include it. youtube-synch polls its queue every 6 s, one
 * block of its chain; here the next batch starts as soon as Orion allows, the most this design can
 * do.
 */
final class YoutubeSynchBaseline implements PublishingMode {
  static final int BATCH = 10;
  private static final long MEMBER = 3;
  private static final int ERA_PERIOD = 64;
  private static final long TIMEOUT_SECONDS = 60;

  private record Job(VideoToCreate video, CompletableFuture<String> answer) {}

  private final KeyPair key = KeyPair.fromUri(KeyType.SR25519, "//Joysync//3");
  private final JoystreamRpc rpc;
  private final OrionClient orion;
  private final YoutubeSynchBatch batches;
  private final SystemEvents systemEvents;
  private final JoystreamEvents events;
  private final byte[] eventsKey;
  private final ChainIdentity chain;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger broadcasts = new AtomicInteger();
  private final AtomicInteger stale = new AtomicInteger();
  private final AtomicInteger priority = new AtomicInteger();
  private final AtomicInteger future = new AtomicInteger();
  private final Thread processor;
  private volatile boolean closed;

  YoutubeSynchBaseline(SaturationDevnet net) throws Exception {
    RuntimeMetadata metadata = net.metadata;
    rpc = JoystreamRpc.connect(RpcSettings.of(URI.create(net.devnet.chainUrl())));
    orion = OrionClient.create(URI.create(net.devnet.orionUrl()));
    batches =
        new YoutubeSynchBatch(
            orion,
            new ChainState(rpc, metadata),
            MEMBER,
            key.address(),
            Ed25519KeyPair.fromString(SaturationDevnet.APP_AUTH_KEY_SEED));
    systemEvents = new SystemEvents(metadata);
    events = new JoystreamEvents(metadata);
    eventsKey = new StorageKeys(metadata).key("System", "Events").bytes();
    ChainTypes.RuntimeVersion v = rpc.runtimeVersion(null).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    byte[] genesis = Hex.decode(rpc.genesisHash().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    chain = new ChainIdentity(v.specVersion(), v.transactionVersion(), genesis);
    processor = new Thread(this::process, "youtube-synch-batches");
    processor.setDaemon(true);
    processor.start();
  }

  @Override
  public CompletionStage<String> offer(VideoToCreate video) {
    Job job = new Job(video, new CompletableFuture<>());
    queue.add(job);
    return job.answer();
  }

  private void process() {
    while (!closed) {
      List<Job> batch = new ArrayList<>();
      try {
        Job first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        createVideos(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        System.err.println("youtube-synch batch failed: " + e);
        batch.forEach(j -> j.answer().complete("VIDEO_CREATION_FAILED"));
      }
    }
  }

  private void createVideos(List<Job> jobs) throws Exception {
    YoutubeSynchBatch.Built built = batches.build(jobs.stream().map(Job::video).toList());
    built.alreadyCreated().forEach(i -> jobs.get(i).answer().complete("ALREADY_CREATED"));
    if (built.call() == null) {
      return;
    }
    long nonce = get(rpc.accountNextIndex(key.address()));
    String finalized = get(rpc.finalizedHead());
    long birth = get(rpc.header(finalized)).number();
    SignedExtrinsic x =
        SignedExtrinsic.sign(
            key,
            built.call(),
            chain,
            TransactionParams.mortal(
                ERA_PERIOD, birth, Hex.decode(finalized), nonce, BigInteger.ZERO));
    String blockHash = submitAndWatch(x);
    long block = get(rpc.header(blockHash)).number();
    int index = get(rpc.block(blockHash)).extrinsics().indexOf(x.toHex());
    if (index < 0) {
      throw new IllegalStateException("block " + block + " does not hold the extrinsic");
    }
    List<EventRecord> records =
        systemEvents.decode(get(rpc.storage(eventsKey, blockHash)).orElseThrow());
    for (JoystreamEvent e : events.ofExtrinsic(records, index)) {
      if (e instanceof JoystreamEvent.ExtrinsicFailed failed) {
        throw new IllegalStateException("Extrinsic execution error: " + failed.error().describe());
      }
    }
    built.planned().forEach(i -> jobs.get(i).answer().complete(CREATED));
    while (get(orion.indexedHeight()) < block) {
      Thread.sleep(50);
    }
  }

  /** Submits and waits for InBlock or Finalized, counting what the node says of the nonce. */
  private String submitAndWatch(SignedExtrinsic x) throws Exception {
    broadcasts.incrementAndGet();
    RpcSubscription<TransactionStatus> watch;
    try {
      watch = get(rpc.submitAndWatchExtrinsic(x.encode()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransactionPoolException pool) {
        if (pool.poolError() == TransactionPoolException.PoolError.PRIORITY_TOO_LOW) {
          priority.incrementAndGet();
        } else if (pool.reason() == TransactionPoolException.InvalidReason.STALE_NONCE) {
          stale.incrementAndGet();
        }
      }
      throw e;
    }
    CompletableFuture<String> included = new CompletableFuture<>();
    watch
        .forEach(
            s -> {
              if (s instanceof TransactionStatus.InBlock b) {
                included.complete(b.blockHash());
              } else if (s instanceof TransactionStatus.Finalized f) {
                included.complete(f.blockHash());
              } else if (s == TransactionStatus.Future.INSTANCE) {
                future.incrementAndGet();
              } else if (s instanceof TransactionStatus.Usurped) {
                priority.incrementAndGet();
              }
            })
        .whenComplete(
            (done, error) ->
                included.completeExceptionally(
                    new IllegalStateException("the watch ended before a block took it")));
    try {
      return get(included);
    } finally {
      watch.cancel();
    }
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public NonceErrors nonceErrors() {
    return new NonceErrors(stale.get(), priority.get(), future.get());
  }

  @Override
  public int broadcasts() {
    return broadcasts.get();
  }

  @Override
  public void close() {
    closed = true;
    processor.interrupt();
    try {
      processor.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.forEach(j -> j.answer().complete("NOT_TAKEN"));
    rpc.close();
  }
}
