package io.joysync.persistence.discovery;

import io.joysync.engine.video.VideoEntity;
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
 * Keeps discovery's index of tracked videos from the videos' events (its own projection, so the
 * read side's stays as it is): per channel, each video's state, the title and description it was
 * tracked with, and its Joystream id, plus the Joystream-id lookup the chain watch uses. Every
 * write is an upsert of the event's values, so a redelivered event changes nothing.
 */
public final class VideoIndexProjection {

  static final String NAME = "discovery-video-index";

  private VideoIndexProjection() {}

  static void init(ActorSystem<?> system, CassandraCandidateStore store) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            VideoEntity.TAG_COUNT,
            i -> ProjectionBehavior.create(projection(system, store, VideoEntity.tag(i))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<Offset, EventEnvelope<VideoEntity.Event>> projection(
      ActorSystem<?> system, CassandraCandidateStore store, String tag) {
    return CassandraProjection.atLeastOnce(
        ProjectionId.of(NAME, tag),
        EventSourcedProvider.<VideoEntity.Event>eventsByTag(
            system, CassandraReadJournal.Identifier(), tag),
        () -> new IndexWriter(store));
  }

  static final class IndexWriter extends Handler<EventEnvelope<VideoEntity.Event>> {
    private final CassandraCandidateStore store;

    IndexWriter(CassandraCandidateStore store) {
      this.store = store;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<VideoEntity.Event> envelope) {
      VideoEntity.Event event = envelope.event();
      if (event instanceof VideoEntity.VideoTracked e) {
        return store.tracked(e.channelId(), e.facts(), e.record());
      }
      if (event instanceof VideoEntity.VideoAdvanced e) {
        return store.advanced(e.channelId(), e.record());
      }
      if (event instanceof VideoEntity.MetadataEdited e) {
        return store.tracked(e.channelId(), e.facts(), e.record());
      }
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  }
}
