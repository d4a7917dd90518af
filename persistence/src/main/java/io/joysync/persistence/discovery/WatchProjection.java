package io.joysync.persistence.discovery;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Registration;
import java.time.Clock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the watch schedule from the channels' events, never by asking a channel: one projection per
 * channel tag (its own offsets, apart from the read side's), run by a Sharded Daemon Process. It
 * builds each channel with the entity's own event handler and decides whether the channel is
 * watched: signed up (or added by an operator), syncing, neither opted out nor suspended. A channel
 * that becomes watched joins with an entry due now and the time of its sign-up (the uploads before
 * it are the initial ingestion's); one that stops being watched is marked so, and its entry leaves
 * the schedule when it comes due. Every channel's Joystream channel is kept in the link table the
 * chain watch reads. A redelivered event (at or below the stored sequence number) is skipped.
 */
public final class WatchProjection {

  private static final Logger log = LoggerFactory.getLogger(WatchProjection.class);
  static final String NAME = "discovery-watch-schedule";

  private WatchProjection() {}

  static void init(ActorSystem<?> system, CassandraWatchStore store, Clock clock) {
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            ChannelEntity.TAG_COUNT,
            i -> ProjectionBehavior.create(projection(system, store, clock, i)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<Offset, EventEnvelope<ChannelEntity.Event>> projection(
      ActorSystem<?> system, CassandraWatchStore store, Clock clock, int i) {
    String tag = ChannelEntity.tag(i);
    return CassandraProjection.atLeastOnce(
        ProjectionId.of(NAME, tag),
        EventSourcedProvider.<ChannelEntity.Event>eventsByTag(
            system, CassandraReadJournal.Identifier(), tag),
        () -> new MembershipWriter(store, clock));
  }

  /** Whether discovery watches a channel in this state. */
  static boolean watchable(ChannelState c) {
    return c.isRegistered() && c.isSyncEnabled() && !c.status().isSuspended();
  }

  static final class MembershipWriter extends Handler<EventEnvelope<ChannelEntity.Event>> {
    private final CassandraWatchStore store;
    private final Clock clock;

    MembershipWriter(CassandraWatchStore store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<ChannelEntity.Event> envelope) {
      String pid = envelope.persistenceId();
      String channelId = pid.substring(pid.indexOf('|') + 1);
      long seqNr = envelope.sequenceNr();
      return store
          .membership(channelId)
          .thenCompose(
              stored -> {
                if (stored.filter(s -> s.seqNr() >= seqNr).isPresent()) {
                  return CompletableFuture.completedFuture(Done.getInstance());
                }
                ChannelState before =
                    stored.map(s -> store.decode(s.state())).orElse(ChannelState.EMPTY);
                ChannelState after =
                    ChannelEntity.applyToChannel(before, envelope.event()).withoutTokens();
                if (!after.isRegistered()) {
                  return CompletableFuture.completedFuture(Done.getInstance());
                }
                boolean was = stored.map(CassandraWatchStore.Membership::watched).orElse(false);
                boolean watched = watchable(after);
                Optional<Instant> joinedAt =
                    watched && !was ? after.registration().map(Registration::at) : Optional.empty();
                if (watched != was) {
                  log.info(
                      "channel {} {} the watch schedule ({})",
                      channelId,
                      watched ? "joins" : "leaves",
                      after.status().wireName());
                }
                return store.project(
                    channelId,
                    store.encode(after),
                    seqNr,
                    watched,
                    joinedAt,
                    after.registration().map(Registration::joystreamChannelId),
                    !after.status().isOptedOut(),
                    clock.instant());
              });
    }
  }
}
