package io.joysync.engine.pipeline;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoTransition;
import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.YoutubeVideo;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaCost;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' clean-up of the queue (youtube-synch's {@code queueCleanup}): the videos waiting
 * for the pipeline with no step under way ({@code New}, {@code VideoCreationFailed}: not on
 * Joystream; {@code VideoCreated}, {@code UploadFailed}: created on Joystream, media not uploaded)
 * of the channels that sync, or of one named channel, are looked up on YouTube ({@code
 * videos.list}, 50 a call, charged to the sync budget and refused at once when it cannot pay for
 * the whole run) and judged by the pipeline's own filter ({@link CleanupVerdict}). A dry run only
 * reports; an apply gives each video that can never be synced its final state through its own
 * entity ({@code VideoUnavailable::<reason>}: the pipeline's work index drops it, its downloaded
 * files are swept, and its media is never uploaded, so a created one stays on Joystream without
 * media, which Atlas does not show, as youtube-synch leaves it), and reports the rest. Nothing is
 * deleted; a video that moved on meanwhile (a step started) is left alone, so running it again
 * changes nothing.
 */
public final class QueueCleanup {

  private static final Logger log = LoggerFactory.getLogger(QueueCleanup.class);

  /** The most waiting videos one run looks at (100 {@code videos.list} calls). */
  public static final int MAX_VIDEOS = 5_000;

  /** A dry run or an apply, of every syncing channel or of one (YouTube or Joystream id). */
  public record Request(Optional<String> channel, boolean apply) {}

  public sealed interface Result permits Report, Refused {}

  /** A waiting video as the work index lists it (the backup's record of it). */
  public record Waiting(
      String videoId,
      String channelId,
      String state,
      boolean historical,
      Instant publishedAt,
      long viewCount,
      long durationSeconds,
      int failedAttempts) {
    static Waiting of(WorkItem i) {
      return new Waiting(
          i.videoId(),
          i.channelId(),
          i.state().wireName(),
          i.historical(),
          i.publishedAt(),
          i.viewCount(),
          i.durationSeconds(),
          i.failedAttempts());
    }
  }

  /** A waiting video the clean-up has something to say about, and what YouTube said of it. */
  public record Finding(Waiting video, Optional<YoutubeVideo> youtube, CleanupVerdict verdict) {}

  /**
   * What a run found and did: the channels and waiting videos looked at, the {@code videos.list}
   * calls and quota units it spent, the videos to settle (with the final state each gets), those
   * only reported, how many may still be synced, and, when applied, how many were settled now and
   * how many had moved on already. {@code more}: more videos wait than one run looks at.
   */
  public record Report(
      boolean applied,
      int channels,
      int videosExamined,
      int youtubeCalls,
      long quotaUnits,
      List<Finding> toSettle,
      List<Finding> reported,
      int syncable,
      int settled,
      int alreadyMovedOn,
      boolean more)
      implements Result {
    public Report {
      toSettle = List.copyOf(toSettle);
      reported = List.copyOf(reported);
    }
  }

  /** Why a run changed nothing; {@link #code()} is stable. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** No channel is known by this YouTube or Joystream channel id. */
  public record UnknownChannel(String channel) implements Refused {
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /** The day's sync quota cannot pay for the run's {@code unitsNeeded}. */
  public record QuotaExhausted(long unitsNeeded, long unitsLeft, Instant resetAt)
      implements Refused {
    public String code() {
      return "YOUTUBE_QUOTA_LIMIT_EXCEEDED";
    }
  }

  /** YouTube did not answer, or refused the calls. */
  public record YoutubeUnavailable(String detail) implements Refused {
    public String code() {
      return "YOUTUBE_API_NOT_CONNECTED";
    }
  }

  private final ClusterSharding sharding;
  private final ActorSystem<?> system;
  private final WaitingVideos waiting;
  private final YoutubeDataClient youtube;
  private final QuotaGovernor quota;
  private final Duration maxDuration;
  private final Duration timeout;
  private final Clock clock;

  public QueueCleanup(
      ActorSystem<?> system,
      WorkIndex work,
      YoutubeDataClient youtube,
      QuotaGovernor quota,
      Duration maxDuration,
      Duration timeout,
      Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.waiting = new WaitingVideos(system, work, timeout, clock);
    this.youtube = youtube;
    this.quota = quota;
    this.maxDuration = maxDuration;
    this.timeout = timeout;
    this.clock = clock;
  }

  public CompletionStage<Result> run(Request request) {
    CompletionStage<Optional<String>> scope =
        request.channel().isEmpty()
            ? CompletableFuture.completedFuture(Optional.empty())
            : waiting
                .resolve(request.channel().get())
                .thenApply(
                    found ->
                        Optional.of(
                            found.orElseThrow(
                                () -> new Stop(new UnknownChannel(request.channel().get())))));
    return scope
        .thenCompose(channel -> waiting.of(channel, MAX_VIDEOS).thenCompose(v -> judge(request, v)))
        .exceptionally(this::refusal);
  }

  private CompletionStage<Result> judge(Request request, List<WorkItem> all) {
    boolean more = all.size() > MAX_VIDEOS;
    List<WorkItem> items = more ? all.subList(0, MAX_VIDEOS) : all;
    int calls = (items.size() + YoutubeDataClient.PAGE_SIZE - 1) / YoutubeDataClient.PAGE_SIZE;
    long units = (long) calls * QuotaCost.VIDEOS_LIST.units();
    return lookUp(items, units)
        .thenCompose(
            found -> {
              Judged judged = Judged.of(items, found, maxDuration);
              CompletionStage<Integer> settled =
                  request.apply() ? settle(judged.toSettle()) : done(0);
              return settled.thenApply(n -> judged.report(request.apply(), calls, units, n, more));
            });
  }

  /**
   * What YouTube says of the videos now: refused before any call when the day's sync quota left
   * cannot pay for all of them, and when it runs out on the way.
   */
  private CompletionStage<List<YoutubeVideo>> lookUp(List<WorkItem> items, long units) {
    return quota
        .syncUnitsLeftToday()
        .thenCompose(
            left -> {
              if (units > left) {
                throw new Stop(new QuotaExhausted(units, left, quota.nextReset()));
              }
              if (units == 0) {
                return done(List.<YoutubeVideo>of());
              }
              List<String> ids = items.stream().map(WorkItem::videoId).toList();
              return youtube
                  .videos(null, ids, QuotaPurpose.SYNC_ON_REQUEST)
                  .exceptionally(error -> spentMeanwhile(error, units));
            });
  }

  private List<YoutubeVideo> spentMeanwhile(Throwable error, long units) {
    if (unwrap(error) instanceof YoutubeApiException.QuotaExceeded) {
      throw new Stop(new QuotaExhausted(units, 0, quota.nextReset()));
    }
    throw error instanceof CompletionException c ? c : new CompletionException(error);
  }

  /** The verdicts on a run's videos: those to settle, those only reported, how many may sync. */
  private record Judged(
      int channels, int examined, List<Finding> toSettle, List<Finding> reported, int syncable) {

    static Judged of(List<WorkItem> items, List<YoutubeVideo> found, Duration maxDuration) {
      Map<String, YoutubeVideo> byId =
          found.stream()
              .collect(Collectors.toMap(YoutubeVideo::id, Function.identity(), (a, b) -> a));
      List<Finding> toSettle = new ArrayList<>();
      List<Finding> reported = new ArrayList<>();
      int syncable = 0;
      for (WorkItem i : items) {
        Optional<YoutubeVideo> yt = Optional.ofNullable(byId.get(i.videoId()));
        Optional<CleanupVerdict> verdict = CleanupVerdict.of(yt, maxDuration);
        if (verdict.isEmpty()) {
          syncable++;
        } else {
          Finding f = new Finding(Waiting.of(i), yt, verdict.get());
          (verdict.get().category().settles() ? toSettle : reported).add(f);
        }
      }
      int channels = (int) items.stream().map(WorkItem::channelId).distinct().count();
      return new Judged(channels, items.size(), toSettle, reported, syncable);
    }

    Result report(boolean applied, int calls, long units, int settled, boolean more) {
      return new Report(
          applied,
          channels,
          examined,
          calls,
          units,
          toSettle,
          reported,
          syncable,
          settled,
          applied ? toSettle.size() - settled : 0,
          more);
    }
  }

  /** Gives each video its final state, unless it moved on meanwhile; answers how many changed. */
  private CompletionStage<Integer> settle(List<Finding> findings) {
    return Source.from(findings)
        .mapAsync(4, this::settle)
        .runFold(0, (n, changed) -> changed ? n + 1 : n, system);
  }

  /**
   * Gives the video its final state in one step of its entity that is taken only while the video
   * still waits with no step under way; false when it has moved on (or is not tracked).
   */
  private CompletionStage<Boolean> settle(Finding f) {
    String videoId = f.video().videoId();
    VideoTransition step =
        new VideoTransition.MarkUnavailable(
            f.verdict().category().finalState().orElseThrow().reason().orElseThrow(),
            "queue clean-up: " + f.verdict().reason());
    return sharding
        .entityRefFor(VideoEntity.ENTITY_KEY, videoId)
        .<VideoRecord>askWithStatus(
            r -> VideoEntity.Advance.onlyFrom(WaitingVideos.STAGES, step, clock.instant(), r),
            timeout)
        .handle(
            (record, error) -> {
              if (error != null) {
                if (unwrap(error) instanceof StatusReply.ErrorMessage refused) {
                  log.info(
                      "Queue clean-up: video {} left as it is ({})", videoId, refused.getMessage());
                  return false;
                }
                throw error instanceof CompletionException c ? c : new CompletionException(error);
              }
              log.info(
                  "Queue clean-up: video {} of channel {} is now {} ({}){}",
                  videoId,
                  f.video().channelId(),
                  record.state().wireName(),
                  f.verdict().reason(),
                  record
                      .joystreamVideo()
                      .map(
                          v ->
                              "; its Joystream video "
                                  + v.id()
                                  + " stays without media, never uploaded")
                      .orElse(""));
              return true;
            });
  }

  private Result refusal(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof Stop stop) {
      return stop.refused;
    }
    if (cause instanceof YoutubeApiException y) {
      return new YoutubeUnavailable(y.getMessage());
    }
    throw error instanceof CompletionException c ? c : new CompletionException(error);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** A refusal found on the way, carried to {@link #run} through the future. */
  private static final class Stop extends RuntimeException {
    private final Refused refused;

    Stop(Refused refused) {
      super(refused.code(), null, false, false);
      this.refused = refused;
    }
  }
}
