package io.joysync.persistence.notify;

import io.joysync.engine.notify.NoticeKind;
import io.joysync.engine.notify.NoticeLedger;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * The creator e-mails claimed and sent, in the read side's keyspace: one row per notice, claimed
 * with a lightweight transaction so that exactly one claim in the cluster wins.
 */
public final class CassandraNoticeLedger implements NoticeLedger {

  private final CassandraSession session;
  private final String ks;

  public CassandraNoticeLedger(CassandraSession session, String keyspace) {
    this.session = session;
    this.ks = keyspace;
  }

  /** The table's statement, for start-up and for operators who create the schema themselves. */
  public static String table(String ks) {
    return "CREATE TABLE IF NOT EXISTS "
        + ks
        + ".creator_notices (channel_id text, notice_key text, kind text, claimed_at timestamp,"
        + " sent_at timestamp, PRIMARY KEY ((channel_id), notice_key))";
  }

  /**
   * The ledger in the read side's keyspace ({@code joysync.read-side.keyspace}); its table is part
   * of the read side's schema (created with it, or by {@code joysync schema apply}).
   */
  public static CassandraNoticeLedger of(ActorSystem<?> system) {
    CassandraSession session =
        CassandraSessionRegistry.get(system)
            .sessionFor("pekko.projection.cassandra.session-config");
    return new CassandraNoticeLedger(
        session, system.settings().config().getString("joysync.read-side.keyspace"));
  }

  @Override
  public CompletionStage<Boolean> claim(String channelId, String key, NoticeKind kind, Instant at) {
    return session
        .selectOne(
            "INSERT INTO "
                + ks
                + ".creator_notices (channel_id, notice_key, kind, claimed_at) VALUES (?, ?, ?, ?)"
                + " IF NOT EXISTS",
            channelId,
            key,
            kind.name(),
            at)
        .thenApply(row -> row.map(r -> r.getBoolean("[applied]")).orElse(false));
  }

  @Override
  public CompletionStage<Done> sent(String channelId, String key, Instant at) {
    return session.executeWrite(
        "UPDATE "
            + ks
            + ".creator_notices SET sent_at = ? WHERE channel_id = ? AND notice_key = ? IF EXISTS",
        at,
        channelId,
        key);
  }

  @Override
  public CompletionStage<Done> release(String channelId, String key) {
    return session.executeWrite(
        "DELETE FROM "
            + ks
            + ".creator_notices WHERE channel_id = ? AND notice_key = ? IF sent_at = null",
        channelId,
        key);
  }
}
