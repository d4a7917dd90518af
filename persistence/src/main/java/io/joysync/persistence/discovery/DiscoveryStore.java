package io.joysync.persistence.discovery;

import com.typesafe.config.Config;
import io.joysync.engine.discovery.Discovery;
import io.joysync.persistence.schema.CassandraSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Discovery's state in Cassandra, beside the read side (same keyspace): the watch schedule, the
 * candidates and video index, the chain watch's position and lookups, and the two projections that
 * keep the schedule and the index in step with the channels' and videos' events. {@link #init}
 * creates the tables (when {@code joysync.cassandra.auto-create} is on; otherwise the read side has
 * waited for the applied schema), starts the projections and completes with the stores.
 */
public final class DiscoveryStore {

  private DiscoveryStore() {}

  public static CompletionStage<Discovery.Stores> init(ActorSystem<?> system) {
    Config config = system.settings().config();
    String keyspace = config.getString("joysync.read-side.keyspace");
    CassandraSession session =
        CassandraSessionRegistry.get(system)
            .sessionFor("pekko.projection.cassandra.session-config");
    CassandraWatchStore schedule =
        new CassandraWatchStore(
            session,
            keyspace,
            JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty()));
    CassandraCandidateStore candidates = new CassandraCandidateStore(session, keyspace);
    CassandraChainWatchStore chain = new CassandraChainWatchStore(session, keyspace);
    CassandraSchema schema = CassandraSchema.from(config);
    CompletionStage<Done> tables =
        schema.autoCreate()
            ? Patterns.retry(
                () -> CassandraSchema.execute(session, schema.discoveryStatements()),
                20,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                0.2,
                system)
            : CompletableFuture.completedFuture(Done.getInstance());
    return tables.thenApply(
        d -> {
          WatchProjection.init(system, schedule, Clock.systemUTC());
          VideoIndexProjection.init(system, candidates);
          return new Discovery.Stores(schedule, candidates, chain);
        });
  }
}
