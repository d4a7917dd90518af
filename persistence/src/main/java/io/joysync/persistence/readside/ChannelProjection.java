package io.joysync.persistence.readside;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * Keeps the channel tables of the read side in step with {@link ChannelEntity}: one projection per
 * event tag, each run by a Sharded Daemon Process so that exactly one node of the cluster runs it.
 * The projection builds each channel from its events with the entity's own event handler ({@link
 * ChannelEntity#applyToChannel}), keeping the state it built (without tokens) and the sequence
 * number of the last event it applied beside the row; it never asks an entity, so rebuilding the
 * read side wakes none. Delivery is at least once: an event at or below the stored sequence number
 * was applied already and is skipped.
 */
public final class ChannelProjection {

  private ChannelProjection() {}

  public static void init(ActorSystem<?> system, ChannelReadModel readModel) {
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            "channel-read-side",
            ChannelEntity.TAG_COUNT,
            i ->
                ProjectionBehavior.create(
                    projection(system, readModel, cbor, ChannelEntity.tag(i))),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<
          org.apache.pekko.persistence.query.Offset, EventEnvelope<ChannelEntity.Event>>
      projection(ActorSystem<?> system, ChannelReadModel readModel, ObjectMapper cbor, String tag) {
    return CassandraProjection.atLeastOnce(
        ProjectionId.of("channel-read-side", tag),
        EventSourcedProvider.<ChannelEntity.Event>eventsByTag(
            system, CassandraReadJournal.Identifier(), tag),
        () -> new ChannelRowWriter(readModel, cbor));
  }

  /** Applies each channel event to the channel's stored state and writes the row. */
  static final class ChannelRowWriter extends Handler<EventEnvelope<ChannelEntity.Event>> {
    private final ChannelReadModel readModel;
    private final ObjectMapper cbor;

    ChannelRowWriter(ChannelReadModel readModel, ObjectMapper cbor) {
      this.readModel = readModel;
      this.cbor = cbor;
    }

    @Override
    public CompletionStage<Done> process(EventEnvelope<ChannelEntity.Event> envelope) {
      String channelId = channelIdOf(envelope.persistenceId());
      ChannelEntity.Event event = envelope.event();
      long seqNr = envelope.sequenceNr();
      return readModel
          .stored(channelId)
          .thenCompose(
              stored -> {
                if (stored.filter(s -> s.seqNr() >= seqNr).isPresent()) {
                  return CompletableFuture.completedFuture(Done.getInstance());
                }
                ChannelState before = stored.map(s -> decode(s.state())).orElse(ChannelState.EMPTY);
                ChannelState after = ChannelEntity.applyToChannel(before, event).withoutTokens();
                if (!after.isRegistered()) {
                  return CompletableFuture.completedFuture(Done.getInstance());
                }
                return readModel.save(
                    ChannelRow.of(channelId, after),
                    stored.map(ChannelReadModel.Stored::row),
                    encode(after),
                    seqNr);
              });
    }

    private ByteBuffer encode(ChannelState state) {
      try {
        return ByteBuffer.wrap(cbor.writeValueAsBytes(state));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private ChannelState decode(ByteBuffer bytes) {
      byte[] array = new byte[bytes.remaining()];
      bytes.duplicate().get(array);
      try {
        return cbor.readValue(array, ChannelState.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String channelIdOf(String persistenceId) {
      int separator = persistenceId.indexOf('|');
      return separator < 0 ? persistenceId : persistenceId.substring(separator + 1);
    }
  }
}
