package io.joysync.persistence.notify;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.notify.CreatorNotice;
import io.joysync.engine.notify.CreatorNotices;
import io.joysync.engine.notify.Notifier;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoState;
import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.ChannelRow;
import io.joysync.persistence.readside.VideoReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Creator e-mails from the entities' events: one projection per channel tag (sign-up, verification,
 * suspension, leaving the program) and one per video tag (the channel's first video on Joystream,
 * and the end of its first sync), each run by a Sharded Daemon Process so that one node of the
 * cluster runs it. Who to write to comes from the event (a sign-up) or the read side's row of the
 * channel. Delivery of events is at least once; the {@link Notifier}'s claim makes each e-mail go
 * out at most once. A server that keeps refusing holds back only the e-mails: the envelope is
 * retried a few times with the projection's backoff and then skipped with a warning. Events older
 * than {@code maxAge} are not mailed (a projection started on an old journal does not mail the
 * past). The first-video notice is keyed per channel: a channel whose videos were synced before
 * e-mails were switched on gets it for its next synced video.
 *
 * <p>A channel's first sync is complete when a video of it ends its way (on Joystream or given up)
 * and the read side counts none of the channel's videos still on their way. While the count is not
 * zero, the handler makes sure the read side already holds this video's end (waiting for it a
 * little, then failing the envelope so it comes again): then of the last videos to end, the one
 * checked last sees all of them ended, whatever the order in which the read side's projections
 * wrote them. Once this projection runs behind the read side's, it never waits.
 */
public final class CreatorNoticeProjection {

  private static final HandlerRecoveryStrategy RECOVERY =
      HandlerRecoveryStrategy.retryAndSkip(5, Duration.ofSeconds(10));

  /** How often, and how far apart, a handler looks for the read side to hold a video's end. */
  private static final int READ_SIDE_LOOKS = 20;

  private static final Duration READ_SIDE_PAUSE = Duration.ofMillis(500);

  private CreatorNoticeProjection() {}

  public static void init(
      ActorSystem<?> system,
      ChannelReadModel channels,
      VideoReadModel videos,
      CreatorNotices notices,
      Notifier notifier,
      Duration maxAge) {
    ShardedDaemonProcess daemons = ShardedDaemonProcess.get(system);
    daemons.init(
        ProjectionBehavior.Command.class,
        "creator-notices-channels",
        ChannelEntity.TAG_COUNT,
        i ->
            ProjectionBehavior.create(
                CassandraProjection.atLeastOnce(
                        ProjectionId.of("creator-notices-channels", ChannelEntity.tag(i)),
                        EventSourcedProvider.<ChannelEntity.Event>eventsByTag(
                            system, CassandraReadJournal.Identifier(), ChannelEntity.tag(i)),
                        () -> new ChannelEvents(channels, notices, notifier, maxAge))
                    .withRecoveryStrategy(RECOVERY)),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(ProjectionBehavior.stopMessage()));
    daemons.init(
        ProjectionBehavior.Command.class,
        "creator-notices-videos",
        VideoEntity.TAG_COUNT,
        i ->
            ProjectionBehavior.create(
                CassandraProjection.atLeastOnce(
                        ProjectionId.of("creator-notices-videos", VideoEntity.tag(i)),
                        EventSourcedProvider.<VideoEntity.Event>eventsByTag(
                            system, CassandraReadJournal.Identifier(), VideoEntity.tag(i)),
                        () -> new VideoEvents(system, channels, videos, notices, notifier, maxAge))
                    .withRecoveryStrategy(RECOVERY)),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** Who the read side says the channel belongs to. */
  static CompletionStage<Optional<CreatorNotices.Contact>> contact(
      ChannelReadModel channels, String channelId) {
    return channels
        .byChannelId(channelId)
        .thenApply(
            row ->
                row.map(
                    (ChannelRow r) ->
                        new CreatorNotices.Contact(
                            r.userId(), r.email(), r.title(), r.joystreamChannelId())));
  }

  /**
   * Whether an event is recent enough to tell anyone about: a projection started on an old journal
   * (the feature switched on later, a long outage) does not mail the past.
   */
  static boolean fresh(long eventMillis, Duration maxAge) {
    return Instant.ofEpochMilli(eventMillis).plus(maxAge).isAfter(Instant.now());
  }

  static CompletionStage<Done> deliver(Optional<CreatorNotice> notice, Notifier notifier) {
    return notice.isEmpty()
        ? CompletableFuture.completedFuture(Done.getInstance())
        : notifier.deliver(notice.get());
  }

  /** What both handlers need: where contacts come from, what to send, and how old is too old. */
  private abstract static class NoticeHandler<E> extends Handler<EventEnvelope<E>> {
    final ChannelReadModel channels;
    final CreatorNotices notices;
    final Notifier notifier;
    final Duration maxAge;

    NoticeHandler(
        ChannelReadModel channels, CreatorNotices notices, Notifier notifier, Duration maxAge) {
      this.channels = channels;
      this.notices = notices;
      this.notifier = notifier;
      this.maxAge = maxAge;
    }
  }

  static final class ChannelEvents extends NoticeHandler<ChannelEntity.Event> {
    ChannelEvents(
        ChannelReadModel channels, CreatorNotices notices, Notifier notifier, Duration maxAge) {
      super(channels, notices, notifier, maxAge);
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<ChannelEntity.Event> envelope) {
      ChannelEntity.Event event = envelope.event();
      String channelId = idOf(envelope.persistenceId());
      long seqNr = envelope.sequenceNr();
      if (!fresh(envelope.timestamp(), maxAge)) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      if (!CreatorNotices.needsContact(event)) {
        return deliver(
            notices.forChannelEvent(channelId, seqNr, event, Optional.empty()), notifier);
      }
      return contact(channels, channelId)
          .thenCompose(
              c -> {
                if (c.isEmpty()) {
                  // The read side has not seen the sign-up yet: fail, so the event comes again.
                  return CompletableFuture.failedFuture(
                      new IllegalStateException(
                          "channel " + channelId + " is not in the read side yet"));
                }
                return deliver(notices.forChannelEvent(channelId, seqNr, event, c), notifier);
              });
    }
  }

  static final class VideoEvents extends NoticeHandler<VideoEntity.Event> {
    private final ActorSystem<?> system;
    private final VideoReadModel videos;

    VideoEvents(
        ActorSystem<?> system,
        ChannelReadModel channels,
        VideoReadModel videos,
        CreatorNotices notices,
        Notifier notifier,
        Duration maxAge) {
      super(channels, notices, notifier, maxAge);
      this.system = system;
      this.videos = videos;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<VideoEntity.Event> envelope) {
      VideoEntity.Event event = envelope.event();
      if (!CreatorNotices.endsVideo(event) || !fresh(envelope.timestamp(), maxAge)) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      String channelId = event.channelId();
      VideoEntity.VideoAdvanced ended = (VideoEntity.VideoAdvanced) event;
      return contact(channels, channelId)
          .thenCompose(
              c ->
                  (CreatorNotices.isSynced(event)
                          ? deliver(notices.forSyncedVideo(channelId, ended, c), notifier)
                          : CompletableFuture.completedFuture(Done.getInstance()))
                      .thenCompose(d -> firstSync(channelId, ended, c)));
    }

    /** The notice of the channel's first sync, when this video was the last on its way. */
    private CompletionStage<Done> firstSync(
        String channelId,
        VideoEntity.VideoAdvanced ended,
        Optional<CreatorNotices.Contact> contact) {
      String videoId = ended.record().id();
      return Patterns.retry(
              () -> lastOnItsWay(channelId, videoId), READ_SIDE_LOOKS, READ_SIDE_PAUSE, system)
          .thenCompose(
              last ->
                  last
                      ? completed(channelId, contact)
                      : CompletableFuture.completedFuture(Done.getInstance()));
    }

    /**
     * Whether the read side counts none of the channel's videos on their way; a failure while it
     * counts some and does not hold this video's end yet.
     */
    private CompletionStage<Boolean> lastOnItsWay(String channelId, String videoId) {
      return videos
          .backlog(channelId)
          .thenCompose(
              backlog ->
                  backlog == 0
                      ? CompletableFuture.completedFuture(true)
                      : videos
                          .state(channelId, videoId)
                          .thenCompose(
                              held ->
                                  held.filter(VideoState::isFinal).isPresent()
                                      ? CompletableFuture.completedFuture(false)
                                      : CompletableFuture.<Boolean>failedFuture(
                                          new IllegalStateException(
                                              "the read side does not hold the end of video "
                                                  + videoId
                                                  + " yet"))));
    }

    private CompletionStage<Done> completed(
        String channelId, Optional<CreatorNotices.Contact> contact) {
      return videos
          .statesOf(channelId)
          .thenCompose(
              states -> {
                long synced = states.getOrDefault(VideoState.UPLOAD_SUCCEEDED, 0L);
                long ended =
                    states.entrySet().stream()
                        .filter(e -> e.getKey().isFinal())
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                return deliver(
                    notices.forFirstSyncCompleted(channelId, synced, ended - synced, contact),
                    notifier);
              });
    }
  }

  static String idOf(String persistenceId) {
    int separator = persistenceId.indexOf('|');
    return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
  }
}
