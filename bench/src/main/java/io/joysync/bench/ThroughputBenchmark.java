package io.joysync.bench;

import io.joysync.devnet.youtube.VideoKind;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Issue 14's throughput benchmarks (a) and (b) on one real node against the devnets, composed as
 * {@link PipelineNet} composes them (the demo's composition in one JVM, the production composition
 * root, real yt-dlp and ffprobe, extrinsics signed and finalized, files uploaded and accepted):
 *
 * <ul>
 *   <li>{@code link} (a): the link between YouTube and the node is shaped (the YouTube devnet's
 *       {@code mediaLinkBytesPerSecond}: all media downloads share it, however many run), the
 *       storage node is not. Creators with a back catalogue each sign up through the API and are
 *       verified; the run waits for every video to be {@code UploadSucceeded}. It reports videos an
 *       hour and bytes a second against the bound the link sets, CPU-seconds per video, and the
 *       download folder's high-water mark against the disk budget.
 *   <li>{@code slow-storage} (b): the same, but the storage node's link (the Joystream devnet's
 *       {@code storageLinkBytesPerSecond}, shared by all uploads) carries a tenth of the media
 *       link. For a fixed window it reports how many videos were downloaded against what the media
 *       link alone would have allowed (downloads must pause), uploads against the storage link's
 *       bound, and the high-water mark against the budget (never above it).
 * </ul>
 *
 * <p>The node runs with production settings except the demo's download pacing (at most 1 s), the
 * disk budget (small, so that it binds) and the expected size of a download (set near the clips'
 * size, as an operator sets it to the media it syncs). The clips are ffmpeg's test pattern at
 * 1280x720, 25 fps.
 *
 * <p>Arguments (all optional, in order): mode ({@code link}), channels (4), videos per channel
 * (12), clip seconds (60), media link in kB/s (500), disk budget in MB (16), window in seconds for
 * {@code slow-storage} (600), storage slow-down factor (10), Cassandra contact point
 * (127.0.0.1:9042).
 */
public final class ThroughputBenchmark {

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "link";
    if (!mode.equals("link") && !mode.equals("slow-storage")) {
      throw new IllegalArgumentException("the first argument is link or slow-storage, not " + mode);
    }
    int channels = (int) arg(args, 1, 4);
    int perChannel = (int) arg(args, 2, 12);
    double clipSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 60;
    long link = arg(args, 4, 500) * 1000;
    long budget = arg(args, 5, 16) * 1_000_000;
    long window = arg(args, 6, 600);
    long factor = arg(args, 7, 10);
    String contactPoint = args.length > 8 ? args[8] : "127.0.0.1:9042";
    boolean slowStorage = mode.equals("slow-storage");

    List<PipelineWorld.Creator> creators = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      creators.add(
          PipelineWorld.creator("tp-" + i, 20 + i, i + 1, perChannel, i, k -> VideoKind.PUBLIC));
    }
    // testsrc at 1280x720 and 25 fps encodes to about 42 kB a second of video.
    long expected = (long) (clipSeconds * 50_000);
    Map<String, Object> changed = new HashMap<>();
    changed.put("joysync.pipeline.disk-budget", budget);
    changed.put("joysync.pipeline.min-expected-bytes", expected);
    changed.put("joysync.pipeline.expected-bytes-per-second", 1);
    StringBuilder report = new StringBuilder();
    line(
        report,
        "- run: %s; %d channels of %d videos (Gold); clips of %.0f s at 1280x720, 25 fps; media"
            + " link %d kB/s%s; disk budget %d MB, expected size of a download %.1f MB; started"
            + " %s, load average %s",
        mode,
        channels,
        perChannel,
        clipSeconds,
        link / 1000,
        slowStorage ? fmt(", storage link %d kB/s (1/%d)", link / factor / 1000, factor) : "",
        budget / 1_000_000,
        expected / 1e6,
        Instant.now(),
        PipelineBenchmark.loadAverage());

    try (PipelineNet net =
            PipelineNet.start(
                PipelineWorld.seed(creators),
                PipelineWorld.joystream(creators),
                new YoutubeDevnetSettings.MediaSettings(2, clipSeconds, 1280, 720, 25),
                contactPoint,
                changed);
        DiskSampler disk = new DiskSampler(net.downloads())) {
      net.youtube.faults().update(f -> f.withMediaLink(link));
      if (slowStorage) {
        net.joystream.faults().setStorageLinkBytesPerSecond(link / factor);
      }
      List<String> ids = creators.stream().flatMap(c -> c.videoIds().stream()).toList();
      long cpuAtStart = cpuTicks();
      long receivedAtStart = net.joystream.colossus().bytesReceived();
      Instant start = Instant.now();
      for (PipelineWorld.Creator c : creators) {
        net.signUp(c);
        net.verify(c, "Gold");
      }
      log("signed up and verified " + channels + " channels");
      List<String> timeline = new ArrayList<>();
      Instant deadline =
          slowStorage
              ? start.plusSeconds(window)
              : start.plusSeconds(
                  Math.max(600, 4 * ids.size() * (long) (clipSeconds * 42_000) / link));
      Map<String, TrackedVideo> now = Map.of();
      Instant nextRow = start;
      while (Instant.now().isBefore(deadline)) {
        now = net.tracked(ids);
        long synced = count(now, true);
        long downloaded = count(now, false);
        if (!Instant.now().isBefore(nextRow)) {
          timeline.add(
              fmt(
                  "| %d | %d | %d | %.1f |",
                  Duration.between(start, Instant.now()).toSeconds(),
                  downloaded,
                  synced,
                  disk.current() / 1e6));
          nextRow = nextRow.plusSeconds(30);
          log(downloaded + " downloaded, " + synced + " synced of " + ids.size());
        }
        if (!slowStorage && synced == ids.size()) {
          break;
        }
        Thread.sleep(2000);
      }
      Instant end = Instant.now();
      long cpu = cpuTicks() - cpuAtStart;
      now = net.tracked(ids);
      List<TrackedVideo> done =
          now.values().stream()
              .filter(v -> v.state().equals(VideoState.UPLOAD_SUCCEEDED))
              .sorted((x, y) -> x.record().updatedAt().compareTo(y.record().updatedAt()))
              .toList();
      long downloaded = count(now, false);
      double meanSize =
          now.values().stream()
              .filter(v -> v.record().sizeBytes() > 0)
              .mapToLong(v -> v.record().sizeBytes())
              .average()
              .orElse(Double.NaN);
      line(
          report,
          "- finished %s, load average %s; clip sizes %s bytes",
          end,
          PipelineBenchmark.loadAverage(),
          now.values().stream()
              .map(v -> v.record().sizeBytes())
              .filter(s -> s > 0)
              .distinct()
              .sorted()
              .toList());
      report.append('\n');
      report.append("| figure | bound or goal | measured |\n|---|---|---:|\n");
      if (!slowStorage) {
        linkFigures(report, ids.size(), done, start, link, meanSize, cpu, disk, budget);
      } else {
        storageFigures(
            report,
            ids.size(),
            done,
            downloaded,
            net.joystream.colossus().bytesReceived() - receivedAtStart,
            start,
            end,
            link,
            factor,
            meanSize,
            disk,
            budget);
      }
      report.append("\nProgress (seconds from the first sign-up):\n\n");
      report.append("| s | downloaded (past `New`) | `UploadSucceeded` | download folder MB |\n");
      report.append("|---:|---:|---:|---:|\n");
      timeline.forEach(r -> report.append(r).append('\n'));
    }
    System.out.println(report);
  }

  private static void linkFigures(
      StringBuilder report,
      int videos,
      List<TrackedVideo> done,
      Instant start,
      long link,
      double meanSize,
      long cpuTicks,
      DiskSampler disk,
      long budget) {
    row(report, "videos synced (`UploadSucceeded`)", "all " + videos, done.size());
    if (done.size() < 2) {
      return;
    }
    Instant first = done.get(0).record().updatedAt();
    Instant last = done.get(done.size() - 1).record().updatedAt();
    double steadySeconds = Duration.between(first, last).toMillis() / 1000.0;
    long steadyBytes = done.stream().skip(1).mapToLong(v -> v.record().sizeBytes()).sum();
    double bytesPerSecond = steadyBytes / steadySeconds;
    double wholeSeconds = Duration.between(start, last).toMillis() / 1000.0;
    long allBytes = done.stream().mapToLong(v -> v.record().sizeBytes()).sum();
    row(
        report,
        "bytes a second, first to last `UploadSucceeded`",
        fmt("%d (the link); goal >= 90 %%", link),
        fmt("%.0f (%.1f %% of the link)", bytesPerSecond, 100 * bytesPerSecond / link));
    row(
        report,
        "videos an hour, first to last `UploadSucceeded`",
        fmt("%.0f (the link / mean size)", link * 3600 / meanSize),
        fmt("%.0f", (done.size() - 1) * 3600 / steadySeconds));
    row(
        report,
        "bytes a second, first sign-up to last `UploadSucceeded`",
        fmt("%d", link),
        fmt("%.0f (%.1f %%)", allBytes / wholeSeconds, 100 * allBytes / wholeSeconds / link));
    row(
        report,
        "CPU-seconds per video (the whole JVM: node and devnets, and its children: yt-dlp,"
            + " ffprobe)",
        "",
        fmt("%.2f", cpuTicks / 100.0 / done.size()));
    row(
        report,
        "download folder high-water mark",
        fmt("%.1f MB (the budget)", budget / 1e6),
        fmt("%.1f MB", disk.highWater() / 1e6));
  }

  private static void storageFigures(
      StringBuilder report,
      int videos,
      List<TrackedVideo> done,
      long downloaded,
      long received,
      Instant start,
      Instant end,
      long link,
      long factor,
      double meanSize,
      DiskSampler disk,
      long budget) {
    double seconds = Duration.between(start, end).toMillis() / 1000.0;
    long storage = link / factor;
    long uploadedBytes = done.stream().mapToLong(v -> v.record().sizeBytes()).sum();
    row(
        report,
        fmt("videos downloaded in the window (%.0f s)", seconds),
        fmt(
            "%.0f if downloads did not pause (the media link alone; %d videos in all)",
            Math.min(videos, link * seconds / meanSize), videos),
        downloaded);
    row(
        report,
        "videos synced in the window",
        fmt("%.1f (the storage link / mean size)", storage * seconds / meanSize),
        done.size());
    row(
        report,
        "bytes of synced videos a second over the window (uploads on their way not counted)",
        fmt("%d (the storage link)", storage),
        fmt("%.0f (%.1f %%)", uploadedBytes / seconds, 100 * uploadedBytes / seconds / storage));
    row(
        report,
        "bytes the storage node took in a second over the window (uploads on their way included)",
        fmt("%d (the storage link)", storage),
        fmt("%.0f (%.1f %%)", received / seconds, 100 * received / seconds / storage));
    row(
        report,
        "download folder high-water mark",
        fmt("<= %.1f MB (the budget)", budget / 1e6),
        fmt("%.1f MB", disk.highWater() / 1e6));
    // youtube-synch checks its budget once per processing loop and then queues every video that
    // may sync, whose downloads run at their concurrency whatever the uploads do (reference 1.3):
    // its folder holds what the media link brought in, less what the storage link took out.
    double unpaused = Math.min(videos, link * seconds / meanSize) * meanSize;
    row(
        report,
        "youtube-synch's way, computed: download folder at the window's end (media link's"
            + " downloads less the uploads measured here)",
        fmt("%.1f MB (the budget)", budget / 1e6),
        fmt("%.1f MB", (unpaused - uploadedBytes) / 1e6));
  }

  /** Videos synced ({@code synced}) or past their download (not {@code New} any more). */
  private static long count(Map<String, TrackedVideo> videos, boolean synced) {
    return videos.values().stream()
        .filter(
            v ->
                synced
                    ? v.state().equals(VideoState.UPLOAD_SUCCEEDED)
                    : !v.state().equals(VideoState.NEW))
        .count();
  }

  /**
   * This process's CPU time and that of its children waited for (yt-dlp, ffprobe), in clock ticks
   * (100 a second): utime, stime, cutime and cstime of {@code /proc/self/stat}.
   */
  static long cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11])
          + Long.parseLong(f[12])
          + Long.parseLong(f[13])
          + Long.parseLong(f[14]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes in a folder, sampled every 200 ms, with their high-water mark. */
  static final class DiskSampler implements AutoCloseable {
    private final Path dir;
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    DiskSampler(Path dir) {
      this.dir = dir;
      timer.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void sample() {
      long total = 0;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          try {
            if (Files.isRegularFile(p)) {
              total += Files.size(p);
            }
          } catch (NoSuchFileException gone) {
            // removed while walking
          }
        }
      } catch (IOException | UncheckedIOException e) {
        return;
      }
      current.set(total);
      highWater.accumulateAndGet(total, Math::max);
    }

    long current() {
      return current.get();
    }

    long highWater() {
      return highWater.get();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  private static void row(StringBuilder report, String figure, String bound, Object measured) {
    report.append("| ").append(figure).append(" | ").append(bound).append(" | ");
    report.append(measured).append(" |\n");
  }

  private static void line(StringBuilder report, String format, Object... args) {
    report.append(fmt(format, args)).append('\n');
  }

  private static long arg(String[] args, int i, long fallback) {
    return args.length > i ? Long.parseLong(args[i]) : fallback;
  }

  private static void log(String message) {
    PipelineBenchmark.log(message);
  }

  private static String fmt(String format, Object... args) {
    return PipelineBenchmark.fmt(format, args);
  }
}
