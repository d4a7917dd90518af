package io.joysync.persistence.quota;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.joysync.engine.youtube.quota.QuotaLedger;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.engine.youtube.quota.QuotaUsage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The cluster-wide YouTube quota ledger on Cassandra counters: one partition per Pacific-time day,
 * one counter per purpose. Counter increments commute, so every node can charge concurrently
 * without losing another's units and without lightweight transactions; reads and writes use
 * LOCAL_QUORUM so that a node sees what the others charged. It survives restarts because it is
 * nothing but these rows.
 *
 * <p>Schema ({@link #createTableCql}): {@code CREATE TABLE <ks>.youtube_quota_usage (day text,
 * purpose text, units counter, PRIMARY KEY ((day), purpose))}; {@code day} is ISO {@code
 * yyyy-MM-dd}, {@code purpose} is {@code signup} or {@code sync}.
 */
public final class CassandraQuotaLedger implements QuotaLedger {

  public static final String TABLE = "youtube_quota_usage";
  private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");
  private static final int MAX_HISTORY_DAYS = 3_650;

  private final CqlSession session;
  private final PreparedStatement charge;
  private final PreparedStatement usage;
  private final PreparedStatement history;

  private CassandraQuotaLedger(
      CqlSession session,
      PreparedStatement charge,
      PreparedStatement usage,
      PreparedStatement history) {
    this.session = session;
    this.charge = charge;
    this.usage = usage;
    this.history = history;
  }

  /** The table definition, for the schema scripts and for {@link #create}. */
  public static String createTableCql(String keyspace) {
    return "CREATE TABLE IF NOT EXISTS "
        + checked(keyspace)
        + "."
        + TABLE
        + " (day text, purpose text, units counter, PRIMARY KEY ((day), purpose))";
  }

  /** Creates the table when missing (the keyspace must exist) and prepares the statements. */
  public static CompletionStage<CassandraQuotaLedger> create(CqlSession session, String keyspace) {
    return session
        .executeAsync(createTableCql(keyspace))
        .thenCompose(created -> open(session, keyspace));
  }

  /** Prepares the statements on a table that exists already (created by the schema). */
  public static CompletionStage<CassandraQuotaLedger> open(CqlSession session, String keyspace) {
    String table = checked(keyspace) + "." + TABLE;
    return session
        .prepareAsync("UPDATE " + table + " SET units = units + ? WHERE day = ? AND purpose = ?")
        .thenCompose(
            charge ->
                session
                    .prepareAsync("SELECT purpose, units FROM " + table + " WHERE day = ?")
                    .thenCompose(
                        usage ->
                            session
                                .prepareAsync(
                                    "SELECT day, purpose, units FROM " + table + " LIMIT ?")
                                .thenApply(
                                    history ->
                                        new CassandraQuotaLedger(
                                            session, charge, usage, history))));
  }

  @Override
  public CompletionStage<QuotaUsage> usage(LocalDate day) {
    return session
        .executeAsync(
            usage.bind(day.toString()).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM))
        .thenApply(
            rs -> {
              long signup = 0;
              long sync = 0;
              for (Row row : rs.currentPage()) {
                if ("signup".equals(row.getString("purpose"))) {
                  signup = row.getLong("units");
                } else if ("sync".equals(row.getString("purpose"))) {
                  sync = row.getLong("units");
                }
              }
              return new QuotaUsage(day, signup, sync);
            });
  }

  @Override
  public CompletionStage<Void> charge(LocalDate day, QuotaPurpose purpose, long units) {
    if (units <= 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("units must be positive"));
    }
    return session
        .executeAsync(
            charge
                .bind(units, day.toString(), purpose.name().toLowerCase(Locale.ROOT))
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM))
        .thenApply(rs -> null);
  }

  @Override
  public CompletionStage<List<QuotaUsage>> history(int limit) {
    int days = Math.max(0, Math.min(limit, MAX_HISTORY_DAYS));
    Map<LocalDate, long[]> byDay = new HashMap<>();
    return session
        .executeAsync(
            history
                .bind(MAX_HISTORY_DAYS * 2)
                .setPageSize(500)
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM))
        .thenCompose(rs -> collect(rs, byDay))
        .thenApply(
            done -> {
              List<QuotaUsage> list = new ArrayList<>();
              byDay.forEach((d, u) -> list.add(new QuotaUsage(d, u[0], u[1])));
              list.sort(Comparator.comparing(QuotaUsage::day).reversed());
              return List.copyOf(list.subList(0, Math.min(days, list.size())));
            });
  }

  private static CompletionStage<Void> collect(AsyncResultSet rs, Map<LocalDate, long[]> byDay) {
    for (Row row : rs.currentPage()) {
      long[] units = byDay.computeIfAbsent(LocalDate.parse(row.getString("day")), d -> new long[2]);
      units["signup".equals(row.getString("purpose")) ? 0 : 1] = row.getLong("units");
    }
    if (rs.hasMorePages()) {
      return rs.fetchNextPage().thenCompose(next -> collect(next, byDay));
    }
    return CompletableFuture.completedFuture(null);
  }

  private static String checked(String keyspace) {
    if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "keyspace names are lower-case letters, digits and underscores: " + keyspace);
    }
    return keyspace;
  }
}
