package io.joysync.persistence.readside;

import com.typesafe.config.Config;
import io.joysync.engine.youtube.quota.QuotaLedger;
import io.joysync.persistence.pipeline.SyncWorkTable;
import io.joysync.persistence.quota.CassandraQuotaLedger;
import io.joysync.persistence.schema.CassandraSchema;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of a node: its tables (created at start-up when {@code
 * joysync.cassandra.auto-create} is on, with the projection offset store; otherwise awaited), the
 * projections that fill them, and the YouTube quota ledger that lives beside them.
 */
public final class ReadSide {

  private static final Logger log = LoggerFactory.getLogger(ReadSide.class);

  private final ChannelReadModel channels;
  private final VideoReadModel videos;
  private final SyncWorkTable work;
  private final RecentFailures failures;
  private final QuotaLedger quotaLedger;

  private ReadSide(
      ChannelReadModel channels,
      VideoReadModel videos,
      SyncWorkTable work,
      RecentFailures failures,
      QuotaLedger quotaLedger) {
    this.channels = channels;
    this.videos = videos;
    this.work = work;
    this.failures = failures;
    this.quotaLedger = quotaLedger;
  }

  /**
   * Creates the tables (retrying while Cassandra is still starting), starts the projections and
   * completes with the read side; a node that cannot get there stops.
   */
  public static CompletionStage<ReadSide> init(ActorSystem<?> system) {
    Config config = system.settings().config();
    Config c = config.getConfig("joysync.read-side");
    String keyspace = c.getString("keyspace");
    CassandraSession session =
        CassandraSessionRegistry.get(system)
            .sessionFor("pekko.projection.cassandra.session-config");
    ChannelReadModel channels =
        new ChannelReadModel(session, keyspace, YearMonth.parse(c.getString("first-month")));
    VideoReadModel videos = new VideoReadModel(session, keyspace);
    SyncWorkTable work = new SyncWorkTable(session, keyspace);
    RecentFailures failures = new RecentFailures(session, keyspace);
    CassandraSchema schema = CassandraSchema.from(config);
    CompletionStage<Done> tables =
        schema.autoCreate()
            ? Patterns.retry(
                () -> CassandraSchema.execute(session, schema.readSideStatements()),
                20,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                0.2,
                system)
            : awaitSchema(system, session, schema);
    CompletionStage<ReadSide> ready =
        tables
            .thenCompose(d -> session.underlying())
            .thenCompose(cql -> CassandraQuotaLedger.open(cql, keyspace))
            .thenApply(
                ledger -> {
                  ChannelProjection.init(system, channels);
                  VideoProjection.init(system, videos, work, failures);
                  return new ReadSide(channels, videos, work, failures, ledger);
                });
    ready.whenComplete(
        (readSide, e) -> {
          if (e != null) {
            log.error("The read side could not be started; stopping the node", e);
            system.terminate();
          }
        });
    return ready;
  }

  /**
   * With {@code auto-create} off the node creates nothing: it waits until the whole schema is there
   * (applied by {@code joysync schema apply}), saying what is missing, and starts then.
   */
  private static CompletionStage<Done> awaitSchema(
      ActorSystem<?> system, CassandraSession session, CassandraSchema schema) {
    List<String> statements = schema.statements(system);
    return Patterns.retry(
        () ->
            session
                .underlying()
                .thenCompose(cql -> CassandraSchema.missing(cql, statements))
                .thenApply(
                    missing -> {
                      if (!missing.isEmpty()) {
                        String sentence = CassandraSchema.describeMissing(missing);
                        log.warn("{}; waiting for it", sentence);
                        throw new IllegalStateException(sentence);
                      }
                      return Done.getInstance();
                    }),
        Integer.MAX_VALUE,
        Duration.ofSeconds(1),
        Duration.ofSeconds(15),
        0.2,
        system);
  }

  public ChannelReadModel channels() {
    return channels;
  }

  public VideoReadModel videos() {
    return videos;
  }

  /** The pipeline's work index. */
  public SyncWorkTable work() {
    return work;
  }

  /** The pipeline's latest failures. */
  public RecentFailures failures() {
    return failures;
  }

  public QuotaLedger quotaLedger() {
    return quotaLedger;
  }
}
