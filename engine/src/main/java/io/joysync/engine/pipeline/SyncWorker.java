package io.joysync.engine.pipeline;

import io.joysync.engine.channel.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One pipeline worker (an instance of a Sharded Daemon Process, so every node of the cluster runs
 * its share and a crashed node's share restarts elsewhere). It owns some slots of the work index:
 * it reads them when it has room, orders what is due ({@link SyncOrder}) and feeds its stream of
 * stages with videos it does not already have on their way; each video that leaves the stream makes
 * room for the next. The set of videos in flight is the actor's own state.
 */
public final class SyncWorker {

  public sealed interface Command {}

  private enum Poll implements Command {
    INSTANCE
  }

  private record Listed(List<WorkItem> items) implements Command {}

  /** The tiers of the listed videos' channels that were not known or no longer fresh. */
  private record Weighed(List<WorkItem> items, Map<String, Tier> tiers, Optional<Throwable> error)
      implements Command {}

  private record ListingFailed(Throwable error) implements Command {}

  private record Left(String videoId, String outcome, Optional<String> idleChannel)
      implements Command {}

  /** The worker's stream ended although the worker did not stop it. */
  private record StreamEnded(Optional<Throwable> error) implements Command {}

  /** Stops the worker's stream (the Sharded Daemon Process's stop message). */
  public enum Stop implements Command {
    INSTANCE
  }

  /** How long a channel found not syncing is left alone before its videos are looked at again. */
  static final Duration IDLE_CHANNEL_PAUSE = Duration.ofMinutes(1);

  /**
   * After a video found no room on the disk, how long videos that need a download are left out (or
   * until an upload frees room), so a full disk does not make the worker offer the same videos over
   * and over.
   */
  static final Duration ROOM_WAIT = Duration.ofSeconds(10);

  /**
   * A video on its way for longer than this is named in the log (once): no step of the pipeline
   * should hold a video that long, and the slot it holds is not given to another video.
   */
  static final Duration LONG_IN_FLIGHT = Duration.ofHours(1);

  /** How long a channel's tier, read from the read side, is used before it is read again. */
  static final Duration TIER_FRESHNESS = Duration.ofMinutes(1);

  private record KnownTier(Tier tier, Instant readAt) {}

  private final ActorContext<Command> context;
  private final List<Integer> slots;
  private final WorkIndex index;
  private final ChannelTiers channelTiers;
  private final Supplier<CompletionStage<Boolean>> paused;
  private final PipelineSettings settings;
  private final Clock clock;
  private final BoundedSourceQueue<WorkItem> queue;

  /** The videos on their way through the stream, each with the time it entered. */
  private final Map<String, Instant> inFlight = new HashMap<>();

  /** Videos in flight for longer than {@link #LONG_IN_FLIGHT}, already reported in the log. */
  private final Set<String> reportedLong = new HashSet<>();

  /** Channels found not syncing, left alone until the given time (so they cost no churn). */
  private final Map<String, Instant> idleChannels = new HashMap<>();

  /** The tiers of the channels of the last listing (only those: the map never outgrows one). */
  private final Map<String, KnownTier> tiers = new HashMap<>();

  private boolean listing;

  /** Until when videos that need a download are left out: the disk had no room for one. */
  private Instant noRoomUntil = Instant.MIN;

  /** The worker closes its queue: the stream's end that follows is expected. */
  private boolean stopping;

  private SyncWorker(
      ActorContext<Command> context,
      int worker,
      WorkIndex index,
      ChannelTiers channelTiers,
      Supplier<CompletionStage<Boolean>> paused,
      PipelineSettings settings,
      Flow<WorkItem, VideoJob, ?> stages,
      Clock clock) {
    this.context = context;
    this.channelTiers = channelTiers;
    this.paused = paused;
    this.slots =
        IntStream.range(0, WorkIndex.SLOTS)
            .filter(s -> s % settings.workers() == worker)
            .boxed()
            .toList();
    this.index = index;
    this.settings = settings;
    this.clock = clock;
    ActorRef<Command> self = context.getSelf();
    Pair<BoundedSourceQueue<WorkItem>, CompletionStage<Done>> stream =
        Source.<WorkItem>queue(settings.maxVideosInFlight())
            .via(stages)
            .toMat(Sink.foreach(job -> self.tell(left(job))), Keep.both())
            .run(context.getSystem());
    this.queue = stream.first();
    context.pipeToSelf(
        stream.second(), (done, error) -> new StreamEnded(Optional.ofNullable(error)));
  }

  public static Behavior<Command> create(
      int worker,
      WorkIndex index,
      ChannelTiers channelTiers,
      Supplier<CompletionStage<Boolean>> paused,
      PipelineSettings settings,
      Flow<WorkItem, VideoJob, ?> stages,
      Clock clock) {
    // A worker whose stream broke starts again with a new one and nothing in flight: what the
    // broken stream held goes back to the work index, whose videos are taken up again.
    return Behaviors.supervise(
            Behaviors.<Command>setup(
                ctx ->
                    Behaviors.withTimers(
                        timers -> {
                          timers.startTimerWithFixedDelay(Poll.INSTANCE, settings.pollInterval());
                          ctx.getSelf().tell(Poll.INSTANCE);
                          return new SyncWorker(
                                  ctx, worker, index, channelTiers, paused, settings, stages, clock)
                              .behavior(timers);
                        })))
        .onFailure(
            StreamBroken.class,
            // The worker has logged why already.
            SupervisorStrategy.restartWithBackoff(
                    Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)
                .withLoggingEnabled(false));
  }

  /** The worker's stream ended on its own: the worker restarts with a new one. */
  static final class StreamBroken extends RuntimeException {
    StreamBroken(String message) {
      super(message);
    }
  }

  private Behavior<Command> behavior(TimerScheduler<Command> timers) {
    return Behaviors.receive(Command.class)
        .onMessage(Poll.class, p -> poll())
        .onMessage(Listed.class, this::weigh)
        .onMessage(Weighed.class, this::offer)
        .onMessage(
            ListingFailed.class,
            f -> {
              listing = false;
              context.getLog().warn("Could not read the work index: {}", f.error().toString());
              return Behaviors.same();
            })
        .onMessage(Left.class, this::left)
        .onMessage(StreamEnded.class, this::streamEnded)
        .onMessage(Stop.class, s -> Behaviors.stopped())
        .onSignal(PostStop.class, s -> closeQueue())
        .onSignal(PreRestart.class, s -> closeQueue())
        .build();
  }

  private Behavior<Command> closeQueue() {
    if (!stopping) {
      stopping = true;
      queue.complete();
    }
    return Behaviors.same();
  }

  private Behavior<Command> streamEnded(StreamEnded ended) {
    if (stopping) {
      return Behaviors.same();
    }
    String cause = ended.error().map(Throwable::toString).orElse("it completed");
    context
        .getLog()
        .error(
            "The pipeline stream of this worker ended ({}) with {} video(s) on their way: starting"
                + " a new one, and the work index gives them back",
            cause,
            inFlight.size());
    stopping = true;
    throw new StreamBroken("the pipeline stream ended: " + cause);
  }

  private Behavior<Command> poll() {
    reportLongInFlight();
    if (listing || inFlight.size() >= settings.maxVideosInFlight()) {
      return Behaviors.same();
    }
    listing = true;
    context.pipeToSelf(
        listAll(), (items, error) -> error == null ? new Listed(items) : new ListingFailed(error));
    return Behaviors.same();
  }

  /** The work of the worker's slots, or nothing while the operators have paused the pipeline. */
  private CompletionStage<List<WorkItem>> listAll() {
    return paused
        .get()
        .thenCompose(
            yes -> yes ? CompletableFuture.completedFuture(List.<WorkItem>of()) : listSlots());
  }

  private CompletionStage<List<WorkItem>> listSlots() {
    CompletionStage<List<WorkItem>> all = CompletableFuture.completedFuture(List.of());
    for (int slot : slots) {
      all =
          all.thenCombine(
              index.items(slot, settings.readLimit()),
              (a, b) -> {
                List<WorkItem> joined = new ArrayList<>(a);
                joined.addAll(b);
                return joined;
              });
    }
    return all;
  }

  /**
   * Reads the tiers (which weigh only back catalogues) of the listed channels with videos of their
   * back catalogue, those not known or no longer fresh, then offers.
   */
  private Behavior<Command> weigh(Listed listed) {
    Set<String> channels = new HashSet<>();
    listed.items().stream().filter(WorkItem::historical).forEach(i -> channels.add(i.channelId()));
    tiers.keySet().retainAll(channels);
    Instant stale = clock.instant().minus(TIER_FRESHNESS);
    Set<String> unknown = new HashSet<>(channels);
    tiers.forEach(
        (channel, known) -> {
          if (!known.readAt().isBefore(stale)) {
            unknown.remove(channel);
          }
        });
    if (unknown.isEmpty()) {
      return offer(new Weighed(listed.items(), Map.of(), Optional.empty()));
    }
    context.pipeToSelf(
        channelTiers.of(unknown),
        (read, error) -> {
          if (error != null) {
            return new Weighed(listed.items(), Map.of(), Optional.of(error));
          }
          // A channel the read side does not know yet weighs as Bronze until it is read again.
          Map<String, Tier> found = new HashMap<>();
          unknown.forEach(c -> found.put(c, read.getOrDefault(c, Tier.BRONZE)));
          return new Weighed(listed.items(), found, Optional.empty());
        });
    return Behaviors.same();
  }

  private Behavior<Command> offer(Weighed weighed) {
    listing = false;
    int room = settings.maxVideosInFlight() - inFlight.size();
    Instant now = clock.instant();
    weighed
        .error()
        .ifPresent(
            e ->
                context
                    .getLog()
                    .warn(
                        "Could not read the channels' tiers ({}): their back catalogues are"
                            + " ordered with the tiers known before (Bronze's weight if none)",
                        e.toString()));
    weighed.tiers().forEach((channel, tier) -> tiers.put(channel, new KnownTier(tier, now)));
    Map<String, Tier> weights = new HashMap<>();
    tiers.forEach((channel, known) -> weights.put(channel, known.tier()));
    idleChannels.values().removeIf(until -> until.isBefore(now));
    for (WorkItem item : SyncOrder.order(weighed.items(), weights, now)) {
      if (room <= 0) {
        break;
      }
      if (inFlight.containsKey(item.videoId())
          || idleChannels.containsKey(item.channelId())
          || (now.isBefore(noRoomUntil) && DownloadStage.notYetCreated(item.state()))) {
        continue;
      }
      if (queue.offer(item) != QueueOfferResult.enqueued()) {
        break;
      }
      inFlight.put(item.videoId(), now);
      room--;
    }
    return Behaviors.same();
  }

  private static Left left(VideoJob job) {
    if (job instanceof VideoJob.ChannelNotSyncing idle) {
      return new Left(idle.videoId(), "its channel does not sync", Optional.of(idle.channelId()));
    }
    return new Left(
        job.videoId(), job instanceof VideoJob.Finished f ? f.outcome() : "left", Optional.empty());
  }

  private Behavior<Command> left(Left left) {
    inFlight.remove(left.videoId());
    reportedLong.remove(left.videoId());
    if (left.outcome().equals(DownloadStage.WAITING_FOR_ROOM)) {
      noRoomUntil = clock.instant().plus(ROOM_WAIT);
    } else if (left.outcome().equals(UploadStage.UPLOADED)) {
      noRoomUntil = Instant.MIN;
    }
    left.idleChannel()
        .ifPresent(channel -> idleChannels.put(channel, clock.instant().plus(IDLE_CHANNEL_PAUSE)));
    context.getLog().debug("Video {} left the pipeline: {}", left.videoId(), left.outcome());
    return Behaviors.same();
  }

  /** Names, once each, the videos that have been on their way for longer than expected. */
  private void reportLongInFlight() {
    Instant before = clock.instant().minus(LONG_IN_FLIGHT);
    inFlight.forEach(
        (videoId, since) -> {
          if (since.isBefore(before) && reportedLong.add(videoId)) {
            context
                .getLog()
                .warn(
                    "Video {} has been on its way through the pipeline since {}: a step holds it"
                        + " longer than any should",
                    videoId,
                    since);
          }
        });
  }

  /**
   * A stage that never fails the stream: an unexpected error, thrown or returned, ends only its
   * video's round, and so does a stage that completes with nothing (which the stream would drop,
   * losing the video's slot).
   */
  static <T> org.apache.pekko.japi.function.Function<T, CompletionStage<VideoJob>> guarded(
      org.apache.pekko.japi.function.Function<T, CompletionStage<VideoJob>> stage,
      Function<T, String> videoId) {
    return in -> {
      CompletionStage<VideoJob> next;
      try {
        next = stage.apply(in);
      } catch (Exception e) {
        next = CompletableFuture.failedFuture(e);
      }
      return next.handle(
          (out, e) ->
              e != null
                  ? new VideoJob.Finished(videoId.apply(in), "error: " + DownloadStage.cause(e))
                  : out != null
                      ? out
                      : new VideoJob.Finished(
                          videoId.apply(in), "error: the stage gave no result"));
    };
  }
}
