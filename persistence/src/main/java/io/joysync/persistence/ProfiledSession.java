package io.joysync.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * A Cassandra session whose statements all run under one driver execution profile of {@code
 * datastax-java-driver.profiles} ({@code joysync-work-index}, {@code joysync-discovery}, {@code
 * joysync-queries}), so that each use has the consistency level chosen for it (persistence.conf,
 * ARCHITECTURE.md). Statements are prepared once and bound, as {@link CassandraSession} does. A
 * session configured without that profile (a bare test configuration) uses its default profile.
 */
public final class ProfiledSession {

  public static final String WORK_INDEX = "joysync-work-index";
  public static final String DISCOVERY = "joysync-discovery";
  public static final String QUERIES = "joysync-queries";

  private final CassandraSession session;
  private final CompletionStage<Optional<String>> profile;

  private ProfiledSession(CassandraSession session, String profile) {
    this.session = session;
    this.profile =
        session
            .underlying()
            .thenApply(
                cql ->
                    Optional.of(profile)
                        .filter(p -> cql.getContext().getConfig().getProfiles().containsKey(p)));
  }

  public static ProfiledSession of(CassandraSession session, String profile) {
    return new ProfiledSession(session, profile);
  }

  public CompletionStage<Done> executeDDL(String cql) {
    return session.executeDDL(cql);
  }

  public CompletionStage<Done> executeWrite(String cql, Object... values) {
    return bound(cql, values).thenCompose(session::executeWrite);
  }

  public CompletionStage<Done> executeWrite(Statement<?> statement) {
    return profiled(statement).thenCompose(session::executeWrite);
  }

  public CompletionStage<Done> executeWriteBatch(BatchStatement batch) {
    return profiled(batch).thenCompose(b -> session.executeWriteBatch((BatchStatement) b));
  }

  public CompletionStage<Optional<Row>> selectOne(String cql, Object... values) {
    return bound(cql, values).thenCompose(session::selectOne);
  }

  public CompletionStage<Optional<Row>> selectOne(Statement<?> statement) {
    return profiled(statement).thenCompose(session::selectOne);
  }

  public CompletionStage<List<Row>> selectAll(String cql, Object... values) {
    return bound(cql, values).thenCompose(session::selectAll);
  }

  public CompletionStage<List<Row>> selectAll(Statement<?> statement) {
    return profiled(statement).thenCompose(session::selectAll);
  }

  public CompletionStage<CqlSession> underlying() {
    return session.underlying();
  }

  private CompletionStage<Statement<?>> bound(String cql, Object... values) {
    return session.prepare(cql).thenCompose(prepared -> profiled(prepared.bind(values)));
  }

  private CompletionStage<Statement<?>> profiled(Statement<?> statement) {
    return profile.thenApply(
        p -> p.<Statement<?>>map(statement::setExecutionProfileName).orElse(statement));
  }
}
