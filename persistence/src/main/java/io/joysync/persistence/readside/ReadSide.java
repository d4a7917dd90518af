package io.joysync.persistence.readside;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of a node: its tables (created at start-up when {@code
 * joysync.cassandra.autocreate} is on, with the projection offset store) and the projections that
 * fill them.
 */
public final class ReadSide {

  private static final Logger log = LoggerFactory.getLogger(ReadSide.class);

  private final ChannelReadModel channels;
  private final CompletionStage<Done> ready;

  private ReadSide(ChannelReadModel channels, CompletionStage<Done> ready) {
    this.channels = channels;
    this.ready = ready;
  }

  public static ReadSide init(ActorSystem<?> system) {
    Config config = system.settings().config();
    Config c = config.getConfig("joysync.read-side");
    ChannelReadModel channels =
        new ChannelReadModel(
            CassandraSessionRegistry.get(system)
                .sessionFor("pekko.projection.cassandra.session-config"),
            c.getString("keyspace"),
            YearMonth.parse(c.getString("first-month")));
    CompletionStage<Done> ready;
    if (config.getBoolean("joysync.cassandra.autocreate")) {
      int rf = config.getInt("joysync.cassandra.replication-factor");
      // Cassandra may still be starting: retry with backoff for about ten minutes.
      ready =
          Patterns.retry(
              () ->
                  channels
                      .createTables(rf)
                      .thenCompose(d -> CassandraProjection.createTablesIfNotExists(system)),
              20,
              Duration.ofSeconds(1),
              Duration.ofSeconds(60),
              0.2,
              system);
    } else {
      ready = CompletableFuture.completedFuture(Done.getInstance());
    }
    ready.whenComplete(
        (done, e) -> {
          if (e == null) {
            ChannelProjection.init(system, channels, c.getDuration("ask-timeout"));
          } else {
            log.error("The read-side tables could not be created; stopping the node", e);
            system.terminate();
          }
        });
    return new ReadSide(channels, ready);
  }

  public ChannelReadModel channels() {
    return channels;
  }

  /** Completes once the tables exist and the projections have been started. */
  public CompletionStage<Done> ready() {
    return ready;
  }
}
