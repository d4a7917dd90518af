package io.joysync.bench;

import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import io.joysync.engine.pipeline.QueueOrderModel;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.video.VideoState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Issue 14's pipeline benchmarks on one real node against the devnets (the demo's composition, see
 * {@link PipelineNet}):
 *
 * <ul>
 *   <li>(d) latency: with an empty backlog, a creator uploads new videos one at a time; each is
 *       timed from the upload to {@code UploadSucceeded}, split into discovery (upload to tracked
 *       {@code New}) and pipeline ({@code New} to {@code UploadSucceeded}), from the video entity's
 *       own timestamps. youtube-synch's figure is computed: the measured pipeline part plus the
 *       waits of its two polling loops (reference 1.2 and 4.5: a 2-minute YouTube poll, a 1-minute
 *       content-processing loop), each drawn uniformly over its period;
 *   <li>(e) fairness: a channel with a large back catalogue is verified in a high tier and starts
 *       syncing; small channels sign up while it syncs; each is timed from its verification to its
 *       first video {@code UploadSucceeded}, with how far the large catalogue had got. The same
 *       arrivals are replayed through {@link QueueOrderModel} at the measured throughput, ordered
 *       by joysync's {@code SyncOrder} and by youtube-synch's priority formula.
 * </ul>
 *
 * <p>Arguments (all optional, in order): new uploads for (d) (10), seconds between them (12), the
 * large catalogue (250), small channels (5), videos per small channel (4), seconds between small
 * sign-ups (15), the small channels' tier (Bronze), clip seconds (4), Cassandra contact point
 * (127.0.0.1:9042).
 */
public final class PipelineBenchmark {

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "latency";
    if (!mode.equals("latency") && !mode.equals("fairness")) {
      throw new IllegalArgumentException("the first argument is latency or fairness, not " + mode);
    }
    int uploads = arg(args, 1, mode.equals("latency") ? 10 : 4);
    int spacing = arg(args, 2, 12);
    int bigCatalogue = arg(args, 3, 250);
    int smallChannels = arg(args, 4, 5);
    int smallCatalogue = arg(args, 5, 4);
    int smallInterval = arg(args, 6, 15);
    String smallTier = args.length > 7 ? args[7] : "Bronze";
    double clipSeconds = args.length > 8 ? Double.parseDouble(args[8]) : 4;
    String contactPoint = args.length > 9 ? args[9] : "127.0.0.1:9042";

    PipelineWorld world =
        new PipelineWorld(
            mode.equals("fairness") ? bigCatalogue : 0,
            mode.equals("fairness") ? smallChannels : 0,
            smallCatalogue);
    PipelineReport report = new PipelineReport(mode);
    report.note(
        mode.equals("latency")
            ? fmt(
                "- run: %d new uploads %d s apart in each mode; clips of %.0f s at 1280x720;"
                    + " started %s, load average %s",
                uploads, spacing, clipSeconds, Instant.now(), loadAverage())
            : fmt(
                "- run: %d new uploads %d s apart (the model's service time); large catalogue %d"
                    + " videos (Diamond); %d small channels of %d videos (%s) signing up %d s"
                    + " apart; clips of %.0f s at 1280x720; started %s, load average %s",
                uploads,
                spacing,
                bigCatalogue,
                smallChannels,
                smallCatalogue,
                smallTier,
                smallInterval,
                clipSeconds,
                Instant.now(),
                loadAverage()));
    Instant started = Instant.now();
    try (PipelineNet net =
        PipelineNet.start(
            world,
            new YoutubeDevnetSettings.MediaSettings(2, clipSeconds, 1280, 720, 25),
            contactPoint)) {
      log(
          "node and devnets up after "
              + Duration.between(started, Instant.now()).toSeconds()
              + " s");
      Latency push = latency(net, world.latency, uploads, spacing);
      report.latency("joysync, WebSub push (production settings)", push);
      if (mode.equals("latency")) {
        // youtube-synch's way on the same node: no push, each channel's feed polled every 2
        // minutes (its YouTube polling loop), the pipeline looking for work every minute (its
        // content-processing loop).
        net.restartNode(
            Map.of(
                "joysync.youtube.websub.callback-url", "",
                "joysync.discovery.feeds.active-interval-without-push", "2m",
                "joysync.discovery.feeds.dormant-interval-without-push", "2m",
                "joysync.pipeline.poll-interval", "1m"));
        log("node restarted in polling mode");
        Latency polling = latency(net, world.latencyPolling, uploads, spacing);
        report.latency(
            "youtube-synch's polling (2-min feed poll, 1-min pipeline poll, no push)", polling);
        report.latencyVerdict(push, polling);
      } else {
        fairness(net, world, smallInterval, smallTier, push, report);
      }
    }
    report.note(fmt("- finished %s, load average %s", Instant.now(), loadAverage()));
    System.out.println(report.markdown());
  }

  /** (d)'s outcome: each new upload's figures, and the median pipeline part (the model's). */
  record Latency(List<PipelineReport.Sample> samples, int unfinished, Duration pipelineP50) {}

  private static Latency latency(
      PipelineNet net, PipelineWorld.Creator creator, int uploads, int spacing) throws Exception {
    net.signUp(creator);
    net.verify(creator, "Silver");
    log("latency channel signed up and verified; waiting for its first videos");
    awaitSucceeded(net, creator.videoIds(), Duration.ofMinutes(4));
    log("backlog empty; uploading " + uploads + " new videos");
    Map<String, Instant> uploadedAt = new LinkedHashMap<>();
    for (int i = 0; i < uploads; i++) {
      Instant at = Instant.now();
      uploadedAt.put(net.upload(creator, "Fresh upload " + (i + 1)), at);
      if (i < uploads - 1) {
        Thread.sleep(spacing * 1000L);
      }
    }
    Map<String, TrackedVideo> done =
        awaitSucceeded(net, new ArrayList<>(uploadedAt.keySet()), Duration.ofMinutes(4));
    List<PipelineReport.Sample> samples = new ArrayList<>();
    int unfinished = 0;
    for (Map.Entry<String, Instant> e : uploadedAt.entrySet()) {
      TrackedVideo v = done.get(e.getKey());
      if (v == null || !v.state().equals(VideoState.UPLOAD_SUCCEEDED)) {
        unfinished++;
        continue;
      }
      samples.add(
          new PipelineReport.Sample(
              Duration.between(e.getValue(), v.record().createdAt()),
              Duration.between(v.record().createdAt(), v.record().updatedAt())));
    }
    List<Long> pipeline = samples.stream().map(s -> s.pipeline().toMillis()).sorted().toList();
    Duration p50 =
        pipeline.isEmpty()
            ? Duration.ofSeconds(30)
            : Duration.ofMillis(pipeline.get((pipeline.size() - 1) / 2));
    log("latency measured: " + samples.size() + " of " + uploads);
    return new Latency(samples, unfinished, p50);
  }

  private static void fairness(
      PipelineNet net,
      PipelineWorld world,
      int smallInterval,
      String smallTier,
      Latency latency,
      PipelineReport report)
      throws Exception {
    Instant bigSignUp = Instant.now();
    net.signUp(world.big);
    net.verify(world.big, "Diamond");
    Instant bigVerified = Instant.now();
    log("large catalogue signed up and verified");
    int k = world.small.size();
    Instant[] signUpAt = new Instant[k];
    Instant[] verifiedAt = new Instant[k];
    Instant[] firstAt = new Instant[k];
    Instant deadline =
        bigVerified.plus(Duration.ofMinutes(4)).plusSeconds((long) k * smallInterval);
    int signedUp = 0;
    int served = 0;
    while (served < k && Instant.now().isBefore(deadline)) {
      Instant due = bigVerified.plusSeconds(30 + (long) signedUp * smallInterval);
      if (signedUp < k && !Instant.now().isBefore(due)) {
        PipelineWorld.Creator c = world.small.get(signedUp);
        signUpAt[signedUp] = Instant.now();
        net.signUp(c);
        net.verify(c, smallTier);
        verifiedAt[signedUp] = Instant.now();
        log("small channel " + signedUp + " signed up and verified");
        signedUp++;
      }
      for (int i = 0; i < signedUp; i++) {
        if (firstAt[i] != null) {
          continue;
        }
        for (TrackedVideo v : net.tracked(world.small.get(i).videoIds()).values()) {
          if (v.state().equals(VideoState.UPLOAD_SUCCEEDED)
              && (firstAt[i] == null || v.record().updatedAt().isBefore(firstAt[i]))) {
            firstAt[i] = v.record().updatedAt();
          }
        }
        if (firstAt[i] != null) {
          served++;
          log("small channel " + i + " has its first video on Joystream");
        }
      }
      Thread.sleep(1000);
    }
    Instant end = Instant.now();
    List<String> bigIds = world.big.videoIds();
    Map<String, TrackedVideo> big = net.tracked(bigIds);
    Map<String, TrackedVideo> all = new LinkedHashMap<>(big);
    for (PipelineWorld.Creator c : world.small) {
      all.putAll(net.tracked(c.videoIds()));
    }
    List<Instant> successes =
        all.values().stream()
            .filter(v -> v.state().equals(VideoState.UPLOAD_SUCCEEDED))
            .map(v -> v.record().updatedAt())
            .filter(t -> !t.isBefore(bigSignUp))
            .sorted()
            .toList();
    double throughput =
        successes.size() < 2
            ? Double.NaN
            : (successes.size() - 1)
                / (Duration.between(successes.get(0), successes.get(successes.size() - 1))
                        .toMillis()
                    / 1000.0);
    report.fairnessRun(
        big.size(),
        bigIds.size(),
        countDone(big, end),
        throughput,
        Duration.between(bigVerified, end));
    for (int i = 0; i < k; i++) {
      if (verifiedAt[i] == null) {
        report.smallMeasured(i, null, null, 0);
        continue;
      }
      report.smallMeasured(
          i,
          Duration.between(signUpAt[i], verifiedAt[i]),
          firstAt[i] == null ? null : Duration.between(verifiedAt[i], firstAt[i]),
          firstAt[i] == null ? countDone(big, end) : countDone(big, firstAt[i]));
    }

    // The same arrivals through the model, at the measured throughput.
    if (Double.isNaN(throughput)) {
      report.note("- no throughput measured: the model was not run");
      return;
    }
    Duration service = latency.pipelineP50();
    int servers = (int) Math.max(1, Math.round(throughput * service.toMillis() / 1000.0));
    List<QueueOrderModel.Video> videos = new ArrayList<>();
    all.values()
        .forEach(
            v ->
                videos.add(
                    new QueueOrderModel.Video(
                        v.id(),
                        v.channelId(),
                        v.record().createdAt(),
                        v.record().publishedAt(),
                        v.facts().viewCount(),
                        v.record().durationSeconds(),
                        v.record().historical())));
    for (String tier : List.of(smallTier, "Silver")) {
      if (!tier.equals(smallTier) && smallTier.equals("Silver")) {
        continue;
      }
      List<QueueOrderModel.Channel> channels = new ArrayList<>();
      channels.add(
          new QueueOrderModel.Channel(world.big.channelId(), bigSignUp, "Diamond", bigIds.size()));
      for (int i = 0; i < k; i++) {
        PipelineWorld.Creator c = world.small.get(i);
        channels.add(
            new QueueOrderModel.Channel(
                c.channelId(), signUpAt[i] == null ? end : signUpAt[i], tier, c.videos().size()));
      }
      QueueOrderModel model = new QueueOrderModel(channels);
      Map<String, QueueOrderModel.Order> orders = new LinkedHashMap<>();
      orders.put("joysync SyncOrder, as the worker applies it", model.joysync());
      orders.put("youtube-synch priority formula", model.youtubeSynch());
      for (Map.Entry<String, QueueOrderModel.Order> order : orders.entrySet()) {
        QueueOrderModel.Outcome o = model.run(videos, servers, service, order.getValue());
        List<Duration> firsts = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          if (verifiedAt[i] == null) {
            continue;
          }
          Instant first = null;
          for (String id : world.small.get(i).videoIds()) {
            Instant at = o.doneAt().get(id);
            if (at != null && (first == null || at.isBefore(first))) {
              first = at;
            }
          }
          if (first != null) {
            firsts.add(Duration.between(verifiedAt[i], first));
            Instant f = first;
            progress.add((int) bigIds.stream().filter(id -> done(o.doneAt().get(id), f)).count());
          }
        }
        report.modelled(
            order.getKey() + ", small channels " + tier,
            servers,
            service,
            throughput,
            firsts,
            progress);
      }
    }
  }

  private static boolean done(Instant at, Instant by) {
    return at != null && !at.isAfter(by);
  }

  private static int countDone(Map<String, TrackedVideo> videos, Instant by) {
    return (int)
        videos.values().stream()
            .filter(v -> v.state().equals(VideoState.UPLOAD_SUCCEEDED))
            .filter(v -> !v.record().updatedAt().isAfter(by))
            .count();
  }

  /** Polls the videos' entities every second until all are UploadSucceeded or time is up. */
  private static Map<String, TrackedVideo> awaitSucceeded(
      PipelineNet net, List<String> ids, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    Map<String, TrackedVideo> now = Map.of();
    while (Instant.now().isBefore(deadline)) {
      now = net.tracked(ids);
      if (now.size() == ids.size()
          && now.values().stream().allMatch(v -> v.state().equals(VideoState.UPLOAD_SUCCEEDED))) {
        return now;
      }
      Thread.sleep(1000);
    }
    log("not all of " + ids.size() + " videos succeeded within " + within + ": " + states(now));
    return now;
  }

  private static Map<String, Long> states(Map<String, TrackedVideo> videos) {
    Map<String, Long> out = new LinkedHashMap<>();
    videos.values().forEach(v -> out.merge(v.state().wireName(), 1L, Long::sum));
    return out;
  }

  /**
   * youtube-synch's latency for the same uploads, computed: each measured pipeline part plus a wait
   * for its 2-minute YouTube poll and one for its 1-minute content-processing loop, each uniform
   * over its period (a lower bound: its loops sleep the period after their work).
   */
  static List<Duration> youtubeSynchLatency(List<PipelineReport.Sample> samples) {
    Random random = new Random(14);
    List<Duration> out = new ArrayList<>();
    for (PipelineReport.Sample s : samples) {
      for (int i = 0; i < 1000; i++) {
        long wait = (long) (random.nextDouble() * 120_000) + (long) (random.nextDouble() * 60_000);
        out.add(s.pipeline().plusMillis(wait));
      }
    }
    return out;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  static void log(String message) {
    System.err.println(Instant.now() + " " + message);
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
