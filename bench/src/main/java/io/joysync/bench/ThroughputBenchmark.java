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
 *       download folder's high-water mark against the disk budget. Then the same creators run
 *       again, on fresh keyspaces and devnets, through a node set up the way youtube-synch works
 *       ({@link #YOUTUBE_SYNCH_WAY}), and the two ways are compared figure by figure.
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
    Shape shape =
        new Shape(creators, clipSeconds, link, budget, expected, slowStorage, window, factor);
    StringBuilder report = new StringBuilder();
    Run joysync = run("joysync", changed, shape, contactPoint, report);
    if (!slowStorage) {
      Map<String, Object> youtubeSynch = new HashMap<>(changed);
      youtubeSynch.putAll(YOUTUBE_SYNCH_WAY);
      Run baseline = run("youtube-synch's way", youtubeSynch, shape, contactPoint, report);
      compare(report, joysync, baseline, budget);
    }
    System.out.println(report);
  }

  /**
   * youtube-synch's way of running the same pipeline (reference 1.3 and its sample configuration),
   * as settings of the same node: its content-processing loop looks for work once a minute and
   * queues every video that may sync, however many; 2 downloads and 20 uploads at once; one
   * creation batch at a time, its batch processor polling every 6 s (3 s of waiting on average);
   * the disk budget only warned about, never waited for. Its batches of at most 10 videos are not
   * modelled: no more than 2 videos a batch are ready here, with 2 downloads at once.
   */
  static final Map<String, Object> YOUTUBE_SYNCH_WAY =
      Map.of(
          "joysync.pipeline.poll-interval", "60s",
          "joysync.pipeline.max-videos-in-flight", 100_000,
          "joysync.pipeline.download-parallelism", 2,
          "joysync.pipeline.upload-parallelism", 20,
          "joysync.pipeline.disk-budget", 1_000_000_000_000L,
          "joysync.publishing.max-extrinsics-in-flight", 1,
          "joysync.publishing.gathering-window", "3s");

  /** What the runs share: the creators, the clips, the links and the budget. */
  private record Shape(
      List<PipelineWorld.Creator> creators,
      double clipSeconds,
      long link,
      long budget,
      long expected,
      boolean slowStorage,
      long window,
      long factor) {}

  /** One run's figures, for the comparison of the ways. */
  private record Run(
      String way,
      int videos,
      int synced,
      Duration firstSynced,
      double steadyBytesPerSecond,
      double videosPerHour,
      double wholeBytesPerSecond,
      double cpuSecondsPerVideo,
      long diskHighWater) {}

  /** Runs the creators' videos through a node with {@code changed} settings and reports it. */
  private static Run run(
      String way,
      Map<String, Object> changed,
      Shape shape,
      String contactPoint,
      StringBuilder report)
      throws Exception {
    List<PipelineWorld.Creator> creators = shape.creators();
    double clipSeconds = shape.clipSeconds();
    long link = shape.link();
    long budget = ((Number) changed.get("joysync.pipeline.disk-budget")).longValue();
    boolean slowStorage = shape.slowStorage();
    long factor = shape.factor();
    report.append("\n#### ").append(way).append("\n\n");
    line(
        report,
        "- run: %s; %d channels of %d videos (Gold); clips of %.0f s at 1280x720, 25 fps; media"
            + " link %d kB/s%s; disk budget %s, expected size of a download %.1f MB; started"
            + " %s, load average %s",
        slowStorage ? "slow-storage" : "link",
        creators.size(),
        creators.get(0).videoIds().size(),
        clipSeconds,
        link / 1000,
        slowStorage ? fmt(", storage link %d kB/s (1/%d)", link / factor / 1000, factor) : "",
        budget == shape.budget() ? fmt("%d MB", budget / 1_000_000) : "none (only warned about)",
        shape.expected() / 1e6,
        Instant.now(),
        PipelineBenchmark.loadAverage());
    changed.entrySet().stream()
        .filter(e -> YOUTUBE_SYNCH_WAY.containsKey(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> line(report, "- `%s = %s`", e.getKey(), e.getValue()));

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
      log(way + ": signed up and verified " + creators.size() + " channels");
      List<String> timeline = new ArrayList<>();
      Instant deadline =
          slowStorage
              ? start.plusSeconds(shape.window())
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
          log(way + ": " + downloaded + " downloaded, " + synced + " synced of " + ids.size());
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
      Run run;
      if (!slowStorage) {
        run = linkFigures(way, ids.size(), done, start, link, meanSize, cpu, disk);
        linkRows(report, run, link, meanSize, budget, shape.budget());
      } else {
        run = new Run(way, ids.size(), done.size(), null, 0, 0, 0, 0, disk.highWater());
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
      return run;
    }
  }

  /** The two ways side by side: each figure of joysync's and youtube-synch's, and their ratio. */
  private static void compare(StringBuilder report, Run joysync, Run baseline, long budget) {
    report.append("\n#### The two ways in this run\n\n");
    report.append("| figure | joysync | youtube-synch's way | ratio |\n|---|---:|---:|---:|\n");
    report.append(
        fmt(
            "| videos synced | %d of %d | %d of %d | |%n",
            joysync.synced(), joysync.videos(), baseline.synced(), baseline.videos()));
    ratioRow(
        report,
        "first video `UploadSucceeded`, seconds after the first sign-up (lower is better)",
        seconds(joysync.firstSynced()),
        seconds(baseline.firstSynced()),
        false);
    ratioRow(
        report,
        "bytes a second, first to last `UploadSucceeded`",
        joysync.steadyBytesPerSecond(),
        baseline.steadyBytesPerSecond(),
        true);
    ratioRow(
        report,
        "videos an hour, first to last `UploadSucceeded`",
        joysync.videosPerHour(),
        baseline.videosPerHour(),
        true);
    ratioRow(
        report,
        "bytes a second, first sign-up to last `UploadSucceeded`",
        joysync.wholeBytesPerSecond(),
        baseline.wholeBytesPerSecond(),
        true);
    ratioRow(
        report,
        "CPU-seconds per video (lower is better)",
        joysync.cpuSecondsPerVideo(),
        baseline.cpuSecondsPerVideo(),
        false);
    report.append(
        fmt(
            "| download folder high-water mark, MB (joysync's budget %.1f MB) | %.1f | %.1f |"
                + " %.2fx |%n",
            budget / 1e6,
            joysync.diskHighWater() / 1e6,
            baseline.diskHighWater() / 1e6,
            baseline.diskHighWater() / (double) Math.max(1, joysync.diskHighWater())));
    report.append(
        "\nRatio: joysync's figure over youtube-synch's where higher is better, youtube-synch's"
            + " over joysync's where lower is better (above 1: joysync ahead); the folder:"
            + " youtube-synch's over joysync's.\n");
  }

  private static double seconds(Duration d) {
    return d == null ? Double.NaN : d.toMillis() / 1000.0;
  }

  private static void ratioRow(
      StringBuilder report, String figure, double joysync, double baseline, boolean higherBetter) {
    double ratio = higherBetter ? joysync / baseline : baseline / joysync;
    report.append(fmt("| %s | %.2f | %.2f | %.2fx |%n", figure, joysync, baseline, ratio));
  }

  private static Run linkFigures(
      String way,
      int videos,
      List<TrackedVideo> done,
      Instant start,
      long link,
      double meanSize,
      long cpuTicks,
      DiskSampler disk) {
    if (done.size() < 2) {
      return new Run(way, videos, done.size(), null, 0, 0, 0, 0, disk.highWater());
    }
    Instant first = done.get(0).record().updatedAt();
    Instant last = done.get(done.size() - 1).record().updatedAt();
    double steadySeconds = Duration.between(first, last).toMillis() / 1000.0;
    long steadyBytes = done.stream().skip(1).mapToLong(v -> v.record().sizeBytes()).sum();
    double wholeSeconds = Duration.between(start, last).toMillis() / 1000.0;
    long allBytes = done.stream().mapToLong(v -> v.record().sizeBytes()).sum();
    return new Run(
        way,
        videos,
        done.size(),
        Duration.between(start, first),
        steadyBytes / steadySeconds,
        (done.size() - 1) * 3600 / steadySeconds,
        allBytes / wholeSeconds,
        cpuTicks / 100.0 / done.size(),
        disk.highWater());
  }

  private static void linkRows(
      StringBuilder report, Run run, long link, double meanSize, long budget, long joysyncBudget) {
    row(report, "videos synced (`UploadSucceeded`)", "all " + run.videos(), run.synced());
    if (run.firstSynced() == null) {
      return;
    }
    row(
        report,
        "first video `UploadSucceeded` after the first sign-up",
        "",
        fmt("%.1f s", seconds(run.firstSynced())));
    row(
        report,
        "bytes a second, first to last `UploadSucceeded`",
        fmt("%d (the link); goal >= 90 %%", link),
        fmt(
            "%.0f (%.1f %% of the link)",
            run.steadyBytesPerSecond(), 100 * run.steadyBytesPerSecond() / link));
    row(
        report,
        "videos an hour, first to last `UploadSucceeded`",
        fmt("%.0f (the link / mean size)", link * 3600 / meanSize),
        fmt("%.0f", run.videosPerHour()));
    row(
        report,
        "bytes a second, first sign-up to last `UploadSucceeded`",
        fmt("%d", link),
        fmt("%.0f (%.1f %%)", run.wholeBytesPerSecond(), 100 * run.wholeBytesPerSecond() / link));
    row(
        report,
        "CPU-seconds per video (the whole JVM: node and devnets, and its children: yt-dlp,"
            + " ffprobe)",
        "",
        fmt("%.2f", run.cpuSecondsPerVideo()));
    row(
        report,
        "download folder high-water mark",
        budget == joysyncBudget
            ? fmt("%.1f MB (the budget)", budget / 1e6)
            : fmt("no budget (joysync's: %.1f MB)", joysyncBudget / 1e6),
        fmt("%.1f MB", run.diskHighWater() / 1e6));
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
