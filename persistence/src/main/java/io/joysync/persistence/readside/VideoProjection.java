package io.joysync.persistence.readside;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import io.joysync.persistence.pipeline.SyncWorkTable;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Keeps the video tables of the read side (the videos Atlas lists, the backlog counts) and the
 * pipeline's work index in step with {@link VideoEntity}: one projection per event tag, each run by
 * a Sharded Daemon Process so that exactly one node of the cluster runs it. Every write is keyed by
 * the video and computed from the event and the stored row, so a redelivered event changes nothing.
 */
public final class VideoProjection {

  private VideoProjection() {}

  public static void init(
      ActorSystem<?> system, VideoReadModel videos, SyncWorkTable work, RecentFailures failures) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "video-read-side",
            VideoEntity.TAG_COUNT,
            i ->
                ProjectionBehavior.create(
                    projection(system, videos, work, failures, VideoEntity.tag(i))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<Offset, EventEnvelope<VideoEntity.Event>> projection(
      ActorSystem<?> system,
      VideoReadModel videos,
      SyncWorkTable work,
      RecentFailures failures,
      String tag) {
    return CassandraProjection.atLeastOnce(
        ProjectionId.of("video-read-side", tag),
        EventSourcedProvider.<VideoEntity.Event>eventsByTag(
            system, CassandraReadJournal.Identifier(), tag),
        () -> new VideoRowWriter(tag, videos, work, failures));
  }

  static final class VideoRowWriter extends Handler<EventEnvelope<VideoEntity.Event>> {
    private final String tag;
    private final VideoReadModel videos;
    private final SyncWorkTable work;
    private final RecentFailures failures;

    VideoRowWriter(String tag, VideoReadModel videos, SyncWorkTable work, RecentFailures failures) {
      this.tag = tag;
      this.videos = videos;
      this.work = work;
      this.failures = failures;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<VideoEntity.Event> envelope) {
      VideoEntity.Event event = envelope.event();
      String channelId = event.channelId();
      if (event instanceof VideoEntity.VideoTracked e) {
        return videos
            .track(tag, channelId, e.facts(), e.record())
            .thenCompose(d -> work.tracked(channelId, e.facts(), e.record(), e.catalogueRank()));
      }
      String videoId = videoIdOf(envelope.persistenceId());
      if (event instanceof VideoEntity.VideoAdvanced e) {
        CompletionStage<Done> written =
            videos
                .advance(tag, channelId, e.record())
                .thenCompose(
                    d ->
                        work.advanced(
                            channelId, e.record(), e.step().progress(), e.metadataUpdateDue()));
        return e.record().state().stage() != VideoState.Stage.VIDEO_UNAVAILABLE
            ? written
            : written.thenCompose(
                d ->
                    failures.record(
                        tag,
                        new RecentFailures.Failure(
                            e.record().updatedAt(),
                            videoId,
                            channelId,
                            e.record().state().wireName()
                                + (e.step() instanceof VideoTransition.MarkUnavailable m
                                    ? ": " + m.detail()
                                    : ""))));
      }
      if (event instanceof VideoEntity.MetadataEdited e) {
        CompletionStage<Done> shown =
            e.metadataUpdateDue()
                ? CompletableFuture.completedFuture(Done.getInstance())
                : videos.retitle(channelId, videoId, e.facts().title(), e.facts().description());
        return shown.thenCompose(
            d -> work.edited(channelId, e.facts(), e.record(), e.metadataUpdateDue()));
      }
      if (event instanceof VideoEntity.MetadataUpdated e) {
        return videos
            .retitle(channelId, videoId, e.title(), e.description())
            .thenCompose(d -> work.updated(channelId, videoId, e.metadataUpdateDue()));
      }
      if (event instanceof VideoEntity.MetadataUpdateGivenUp e) {
        return work.updated(channelId, videoId, e.metadataUpdateDue())
            .thenCompose(
                d ->
                    failures.record(
                        tag,
                        new RecentFailures.Failure(
                            e.at(),
                            videoId,
                            channelId,
                            "update of edit "
                                + e.revision()
                                + " given up"
                                + (e.permanent()
                                    ? ", refused for good: "
                                    : " after " + e.attempts() + " attempts: ")
                                + e.reason())));
      }
      VideoEntity.AttemptFailed e = (VideoEntity.AttemptFailed) event;
      return work.failed(channelId, videoId, e.attempt(), e.retryAt())
          .thenCompose(
              d ->
                  failures.record(
                      tag,
                      new RecentFailures.Failure(
                          Instant.ofEpochMilli(envelope.timestamp()),
                          videoId,
                          channelId,
                          "attempt " + e.attempt() + ": " + e.detail())));
    }

    static String videoIdOf(String persistenceId) {
      return persistenceId.substring(persistenceId.indexOf('|') + 1);
    }
  }
}
