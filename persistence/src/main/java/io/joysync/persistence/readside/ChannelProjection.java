package io.joysync.persistence.readside;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Keeps the channel tables of the read side in step with {@link ChannelEntity}: one projection per
 * event tag, each run by a Sharded Daemon Process so that exactly one node of the cluster runs it.
 * Delivery is at least once; the handler writes the channel's current state, so a redelivered event
 * rewrites the same row and changes nothing.
 */
public final class ChannelProjection {

  private ChannelProjection() {}

  public static void init(
      ActorSystem<?> system,
      ChannelReadModel readModel,
      VideoReadModel videos,
      Duration askTimeout) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "channel-read-side",
            ChannelEntity.TAG_COUNT,
            i ->
                ProjectionBehavior.create(
                    projection(system, readModel, videos, askTimeout, ChannelEntity.tag(i))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<
          org.apache.pekko.persistence.query.Offset, EventEnvelope<ChannelEntity.Event>>
      projection(
          ActorSystem<?> system,
          ChannelReadModel readModel,
          VideoReadModel videos,
          Duration askTimeout,
          String tag) {
    return CassandraProjection.atLeastOnce(
        ProjectionId.of("channel-read-side", tag),
        EventSourcedProvider.<ChannelEntity.Event>eventsByTag(
            system, CassandraReadJournal.Identifier(), tag),
        () -> new ChannelRowWriter(system, tag, readModel, videos, askTimeout));
  }

  /**
   * Writes the channel named by each channel event as the entity has it now, and the video rows
   * from the video events themselves (each carries the video's record after the step), with the
   * tag's share of the sync backlog.
   */
  static final class ChannelRowWriter extends Handler<EventEnvelope<ChannelEntity.Event>> {
    private final ClusterSharding sharding;
    private final String tag;
    private final ChannelReadModel readModel;
    private final VideoReadModel videos;
    private final Duration askTimeout;

    ChannelRowWriter(
        ActorSystem<?> system,
        String tag,
        ChannelReadModel readModel,
        VideoReadModel videos,
        Duration askTimeout) {
      this.sharding = ClusterSharding.get(system);
      this.tag = tag;
      this.readModel = readModel;
      this.videos = videos;
      this.askTimeout = askTimeout;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<ChannelEntity.Event> envelope) {
      String channelId = channelIdOf(envelope.persistenceId());
      ChannelEntity.Event event = envelope.event();
      if (event instanceof ChannelEntity.VideosTracked tracked) {
        return videos.track(tag, channelId, tracked.videos());
      }
      if (event instanceof ChannelEntity.VideoAdvanced advanced) {
        return videos.advance(tag, channelId, advanced.video());
      }
      return sharding
          .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
          .<Optional<ChannelState>>ask(ChannelEntity.Get::new, askTimeout)
          .thenCompose(
              state ->
                  state.filter(ChannelState::isRegistered).isEmpty()
                      ? CompletableFuture.completedFuture(Done.getInstance())
                      : readModel
                          .byChannelId(channelId)
                          .thenCompose(
                              previous ->
                                  readModel.save(ChannelRow.of(channelId, state.get()), previous)));
    }

    static String channelIdOf(String persistenceId) {
      int separator = persistenceId.indexOf('|');
      return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
    }
  }
}
