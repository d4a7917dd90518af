package io.joysync.engine.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downloaded files of one node: a video's media as yt-dlp names it ({@code <id>.<ext>}) and its
 * thumbnail ({@code thumbs/<id>.jpg}), and the share of the {@link DiskBudget} each video's files
 * hold. At start the files already on disk (left by a stop or a crash) are counted; a file is only
 * ever trusted as complete once the video has been created from it, so files of a video that has
 * not been are removed and downloaded again.
 */
final class LocalMediaStore {

  private static final Logger log = LoggerFactory.getLogger(LocalMediaStore.class);

  private final Path mediaDir;
  private final Path thumbnailDir;
  private final DiskBudget budget;
  private final Map<String, Long> held = new ConcurrentHashMap<>();

  LocalMediaStore(Path mediaDir, DiskBudget budget) {
    this.mediaDir = mediaDir;
    this.thumbnailDir = mediaDir.resolve("thumbs");
    this.budget = budget;
  }

  /** Counts the files found on disk against the budget; returns how many videos have files. */
  int recover() {
    try {
      Files.createDirectories(thumbnailDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + thumbnailDir, e);
    }
    Map<String, Long> found = new ConcurrentHashMap<>();
    for (Path dir : List.of(mediaDir, thumbnailDir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(Files::isRegularFile)
            .forEach(f -> found.merge(videoIdOf(f), size(f), Long::sum));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    found.forEach(
        (videoId, bytes) -> {
          held.put(videoId, bytes);
          budget.claim(bytes);
        });
    return found.size();
  }

  Path thumbnailPath(String videoId) {
    return thumbnailDir.resolve(videoId + ".jpg");
  }

  /** The video's media and thumbnail, when both are on disk. */
  Optional<VideoJob.LocalFiles> existing(String videoId) {
    Optional<Path> media = mediaFiles(videoId).stream().findFirst();
    Path thumbnail = thumbnailPath(videoId);
    if (media.isEmpty() || !Files.isRegularFile(thumbnail)) {
      return Optional.empty();
    }
    return Optional.of(
        new VideoJob.LocalFiles(media.get(), thumbnail, held.getOrDefault(videoId, 0L)));
  }

  /** The budget reserved for a download of this video, now held by its files. */
  void hold(String videoId, long reservedBytes) {
    held.merge(videoId, reservedBytes, Long::sum);
  }

  /** Corrects what the video's files hold to their real size on disk. */
  void settle(String videoId, VideoJob.LocalFiles files) {
    long actual = size(files.media()) + size(files.thumbnail());
    Long before = held.put(videoId, actual);
    budget.adjust(before == null ? 0 : before, actual);
  }

  /** Removes every file of the video and gives its share of the budget back. */
  void remove(String videoId) {
    List<Path> files = new ArrayList<>(mediaFiles(videoId));
    files.add(thumbnailPath(videoId));
    files.add(thumbnailDir.resolve(videoId + ".jpg.tmp"));
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        log.warn("Cannot delete {}: {}", f, e.toString());
      }
    }
    Long bytes = held.remove(videoId);
    if (bytes != null) {
      budget.release(bytes);
    }
  }

  /** Videos with files on disk, for the clean-up of files no video needs any more. */
  List<String> videosWithFiles() {
    return List.copyOf(held.keySet());
  }

  private List<Path> mediaFiles(String videoId) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(mediaDir)) {
      return files;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(mediaDir, videoId + ".*")) {
      dir.forEach(p -> files.add(p));
    } catch (IOException e) {
      log.warn("Cannot list {}: {}", mediaDir, e.toString());
    }
    return files;
  }

  /** {@code abc.mp4}, {@code abc.f137.mp4}, {@code abc.jpg.tmp}: the id is before the first dot. */
  static String videoIdOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }
}
