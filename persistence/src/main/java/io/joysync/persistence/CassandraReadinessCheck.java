package io.joysync.persistence;

import io.joysync.persistence.schema.CassandraSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness check for Pekko Management: the node is ready only while Cassandra answers a query. A
 * node that cannot persist must not receive traffic. With {@code joysync.cassandra.auto-create}
 * off, the node is also not ready until the whole schema exists; the check then fails with a
 * sentence naming what is missing, which {@code /ready} shows.
 */
public final class CassandraReadinessCheck implements Supplier<CompletionStage<Boolean>> {

  /**
   * A session of its own: the journal's session must be created by the journal, whose session
   * initialisation creates the keyspaces and tables; a check that created it first would skip that.
   */
  static final String SESSION_CONFIG_PATH = "joysync.cassandra.health-check-session";

  private static final Logger log = LoggerFactory.getLogger(CassandraReadinessCheck.class);
  private static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

  private final CassandraSession session;

  /** The schema to wait for, empty once seen complete (tables are never dropped at run time). */
  private volatile List<String> schemaToAwait;

  private volatile long lastWarnNanos = System.nanoTime() - WARN_INTERVAL.toNanos();

  /** Pekko Management instantiates checks reflectively with the classic actor system. */
  public CassandraReadinessCheck(ActorSystem system) {
    this.session = CassandraSessionRegistry.get(system).sessionFor(SESSION_CONFIG_PATH);
    CassandraSchema schema = CassandraSchema.from(system.settings().config());
    this.schemaToAwait = schema.autoCreate() ? List.of() : schema.statements(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return session
        .selectOne("SELECT release_version FROM system.local")
        .thenApply(row -> row.isPresent())
        .exceptionally(
            e -> {
              warnAtMostEveryInterval(e);
              return false;
            })
        .thenCompose(reachable -> reachable ? schemaComplete() : completed(false));
  }

  private CompletionStage<Boolean> schemaComplete() {
    List<String> statements = schemaToAwait;
    if (statements.isEmpty()) {
      return completed(true);
    }
    return session
        .underlying()
        .thenCompose(cql -> CassandraSchema.missing(cql, statements))
        .thenApply(
            missing -> {
              if (!missing.isEmpty()) {
                throw new IllegalStateException(CassandraSchema.describeMissing(missing));
              }
              schemaToAwait = List.of();
              return true;
            });
  }

  private static CompletionStage<Boolean> completed(boolean value) {
    return CompletableFuture.completedFuture(value);
  }

  private void warnAtMostEveryInterval(Throwable e) {
    long now = System.nanoTime();
    if (now - lastWarnNanos >= WARN_INTERVAL.toNanos()) {
      lastWarnNanos = now;
      log.warn("Cassandra is not reachable; the node reports not ready: {}", e.getMessage());
    }
  }
}
