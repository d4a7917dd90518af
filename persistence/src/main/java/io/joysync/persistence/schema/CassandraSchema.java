package io.joysync.persistence.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.persistence.discovery.CassandraCandidateStore;
import io.joysync.persistence.discovery.CassandraChainWatchStore;
import io.joysync.persistence.discovery.CassandraWatchStore;
import io.joysync.persistence.notify.CassandraNoticeLedger;
import io.joysync.persistence.pipeline.SyncWorkTable;
import io.joysync.persistence.quota.CassandraQuotaLedger;
import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.RecentFailures;
import io.joysync.persistence.readside.VideoReadModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The whole Cassandra schema of a joysync node, for its configuration: four keyspaces (journal,
 * snapshots, projection offsets, read side), all replicated as {@code
 * joysync.cassandra.replication} says, and every table in them. The journal's and snapshot store's
 * tables come from the Pekko Persistence Cassandra plugin itself; the offset store's match Pekko
 * Projection's; the rest are joysync's own. {@code joysync schema print|apply} prints or applies
 * it; a node creates it at start-up unless {@code joysync.cassandra.auto-create} is off, and then
 * waits for it.
 */
public final class CassandraSchema {

  public static final String AUTO_CREATE = "joysync.cassandra.auto-create";

  private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\.(\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_INDEX =
      Pattern.compile(
          "CREATE\\s+INDEX\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s+ON\\s+(\\w+)\\.",
          Pattern.CASE_INSENSITIVE);
  private static final String CONSISTENCY = "joysync.cassandra.consistency";
  private static final String JOURNAL = "pekko.persistence.cassandra.journal";
  private static final String SNAPSHOT = "pekko.persistence.cassandra.snapshot";
  private static final String OFFSETS = "pekko.projection.cassandra.offset-store";

  private final CassandraReplication replication;
  private final boolean autoCreate;
  private final String journal;
  private final String snapshot;
  private final String offsets;
  private final String readSide;
  private final String offsetTable;
  private final String managementTable;

  private CassandraSchema(Config config) {
    this.replication = CassandraReplication.from(config);
    this.autoCreate = config.getBoolean(AUTO_CREATE);
    this.journal = keyspace(config, JOURNAL + ".keyspace");
    this.snapshot = keyspace(config, SNAPSHOT + ".keyspace");
    this.offsets = keyspace(config, OFFSETS + ".keyspace");
    this.readSide = keyspace(config, "joysync.read-side.keyspace");
    this.offsetTable = config.getString(OFFSETS + ".table");
    this.managementTable = config.getString(OFFSETS + ".management-table");
  }

  /** Reads and checks the schema settings; a bad one fails naming it. */
  public static CassandraSchema from(Config config) {
    return new CassandraSchema(config);
  }

  /**
   * Checks the schema settings and derives the journal plugin's from them (replication, and
   * keyspace and table creation from {@code auto-create}): the configuration a node starts with.
   */
  public static Config configure(Config config) {
    refuseRenamed(config, "joysync.cassandra.autocreate", AUTO_CREATE);
    refuseRenamed(config, "joysync.cassandra.replication-factor", CassandraReplication.PATH);
    CassandraSchema schema = from(config);
    checkConsistencyLevels(config);
    Map<String, Object> plugin = new HashMap<>();
    for (String path : List.of(JOURNAL, SNAPSHOT)) {
      plugin.put(path + ".replication-strategy", schema.replication.strategy().name());
      plugin.put(path + ".replication-factor", schema.replication.pluginFactor());
      plugin.put(path + ".data-center-replication-factors", schema.replication.datacenterFactors());
      plugin.put(path + ".keyspace-autocreate", schema.autoCreate);
      plugin.put(path + ".tables-autocreate", schema.autoCreate);
    }
    return ConfigFactory.parseMap(plugin).withFallback(config);
  }

  public CassandraReplication replication() {
    return replication;
  }

  public boolean autoCreate() {
    return autoCreate;
  }

  /** The four keyspaces, journal first. */
  public List<String> keyspaces() {
    return List.of(journal, snapshot, offsets, readSide);
  }

  public String createKeyspace(String keyspace) {
    return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication.cql();
  }

  /**
   * The read side's keyspace and tables, the YouTube quota ledger and the creator e-mails' ledger
   * beside them, and the projection offset store's keyspace and tables (as Pekko Projection's
   * {@code CassandraOffsetStore} defines them; created here so that its keyspace gets the
   * configured replication).
   */
  public List<String> readSideStatements() {
    List<String> ddl = new ArrayList<>();
    ddl.add(createKeyspace(readSide));
    ddl.addAll(ChannelReadModel.tables(readSide));
    ddl.addAll(VideoReadModel.tables(readSide));
    ddl.addAll(SyncWorkTable.tables(readSide));
    ddl.add(RecentFailures.table(readSide));
    ddl.add(CassandraQuotaLedger.createTableCql(readSide));
    ddl.add(CassandraNoticeLedger.table(readSide));
    ddl.add(createKeyspace(offsets));
    ddl.add(
        "CREATE TABLE IF NOT EXISTS "
            + offsets
            + "."
            + offsetTable
            + " (projection_name text, partition int, projection_key text, offset text,"
            + " manifest text, last_updated timestamp,"
            + " PRIMARY KEY ((projection_name, partition), projection_key))");
    ddl.add(
        "CREATE TABLE IF NOT EXISTS "
            + offsets
            + "."
            + managementTable
            + " (projection_name text, partition int, projection_key text, paused boolean,"
            + " last_updated timestamp, PRIMARY KEY ((projection_name, partition), projection_key))");
    return List.copyOf(ddl);
  }

  /** Discovery's tables, in the read side's keyspace. */
  public List<String> discoveryStatements() {
    List<String> ddl = new ArrayList<>();
    ddl.add(createKeyspace(readSide));
    ddl.addAll(CassandraWatchStore.tables(readSide));
    ddl.addAll(CassandraCandidateStore.tables(readSide));
    ddl.addAll(CassandraChainWatchStore.tables(readSide));
    return List.copyOf(ddl);
  }

  /**
   * Every statement, in the order to apply them: the journal's and the snapshot store's keyspaces
   * and the plugin's own tables for them (events by tag included as configured), then joysync's.
   */
  public List<String> statements(ClassicActorSystemProvider system) {
    KeyspaceAndTableStatements plugin =
        new KeyspaceAndTableStatements(
            system, "pekko.persistence.cassandra", PluginSettings.apply(system.classicSystem()));
    List<String> ddl = new ArrayList<>();
    ddl.add(createKeyspace(journal));
    plugin.getCreateJournalTablesStatements().forEach(s -> ddl.add(s.trim()));
    ddl.add(createKeyspace(snapshot));
    plugin.getCreateSnapshotTablesStatements().forEach(s -> ddl.add(s.trim()));
    ddl.addAll(readSideStatements());
    discoveryStatements().stream().filter(s -> !ddl.contains(s)).forEach(ddl::add);
    return List.copyOf(ddl);
  }

  /**
   * What of {@code statements} is missing in Cassandra, as names to show an operator: a missing
   * keyspace ({@code joysync_read}) stands for its tables, a missing table is {@code ks.table}, a
   * missing index (of a table that exists) {@code index ks.name}.
   */
  public static CompletionStage<List<String>> missing(CqlSession session, List<String> statements) {
    Map<String, Set<String>> tables = new LinkedHashMap<>();
    Map<String, Set<String>> indexes = new LinkedHashMap<>();
    for (String statement : statements) {
      Matcher table = CREATE_TABLE.matcher(statement);
      if (table.find()) {
        tables.computeIfAbsent(table.group(1), k -> new LinkedHashSet<>()).add(table.group(2));
      }
      Matcher index = CREATE_INDEX.matcher(statement);
      if (index.find()) {
        indexes.computeIfAbsent(index.group(2), k -> new LinkedHashSet<>()).add(index.group(1));
      }
    }
    String in = tables.keySet().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    CompletionStage<Set<String>> keyspaces =
        names(session, "SELECT keyspace_name FROM system_schema.keyspaces", in, null);
    CompletionStage<Set<String>> presentTables =
        names(
            session,
            "SELECT keyspace_name, table_name FROM system_schema.tables",
            in,
            "table_name");
    CompletionStage<Set<String>> presentIndexes =
        names(
            session,
            "SELECT keyspace_name, index_name FROM system_schema.indexes",
            in,
            "index_name");
    return keyspaces.thenCompose(
        ks ->
            presentTables.thenCombine(
                presentIndexes,
                (t, i) -> {
                  List<String> missing = new ArrayList<>();
                  tables.forEach(
                      (keyspace, names) -> {
                        if (!ks.contains(keyspace)) {
                          missing.add("keyspace " + keyspace);
                          return;
                        }
                        names.stream()
                            .filter(n -> !t.contains(keyspace + "." + n))
                            .forEach(n -> missing.add("table " + keyspace + "." + n));
                        indexes.getOrDefault(keyspace, Set.of()).stream()
                            .filter(n -> !i.contains(keyspace + "." + n))
                            .forEach(n -> missing.add("index " + keyspace + "." + n));
                      });
                  return List.copyOf(missing);
                }));
  }

  /** {@code keyspace} or {@code keyspace.name} of each row of a schema table, in the keyspaces. */
  private static CompletionStage<Set<String>> names(
      CqlSession session, String select, String keyspaces, String nameColumn) {
    return session
        .executeAsync(
            SimpleStatement.newInstance(select + " WHERE keyspace_name IN (" + keyspaces + ")"))
        .thenApply(
            rs -> {
              Set<String> names = new LinkedHashSet<>();
              rs.currentPage()
                  .forEach(
                      row ->
                          names.add(
                              row.getString("keyspace_name")
                                  + (nameColumn == null ? "" : "." + row.getString(nameColumn))));
              return names;
            });
  }

  /** Executes DDL statements one after the other (each waits for schema agreement). */
  public static CompletionStage<Done> execute(CassandraSession session, List<String> ddl) {
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (String statement : ddl) {
      done = done.thenCompose(d -> session.executeDDL(statement));
    }
    return done;
  }

  /** One sentence for an operator: what is missing and how to create it. */
  public static String describeMissing(List<String> missing) {
    String listed =
        missing.size() <= 5
            ? String.join(", ", missing)
            : String.join(", ", missing.subList(0, 5)) + " and " + (missing.size() - 5) + " more";
    return "The Cassandra schema is incomplete: missing "
        + listed
        + " ("
        + AUTO_CREATE
        + " is off: create it with `joysync schema apply`)";
  }

  /** A setting of an earlier version, which would otherwise be ignored without a word. */
  private static void refuseRenamed(Config config, String old, String now) {
    if (config.hasPath(old)) {
      throw new InvalidCassandraSetting(old, "no longer read; set " + now + " instead");
    }
  }

  private static void checkConsistencyLevels(Config config) {
    Config levels = config.getConfig(CONSISTENCY);
    for (String use : levels.root().keySet()) {
      String level = levels.getString(use);
      boolean known =
          Arrays.stream(DefaultConsistencyLevel.values()).anyMatch(l -> l.name().equals(level));
      if (!known) {
        throw new InvalidCassandraSetting(
            CONSISTENCY + "." + use,
            "unknown consistency level '"
                + level
                + "'; use one of "
                + Arrays.stream(DefaultConsistencyLevel.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", ")));
      }
    }
  }

  private static String keyspace(Config config, String path) {
    String name = config.getString(path);
    if (!KEYSPACE.matcher(name).matches()) {
      throw new InvalidCassandraSetting(
          path.startsWith("joysync") ? path : "joysync.cassandra.keyspace-prefix",
          "'"
              + name
              + "' is not a Cassandra keyspace name (a letter, then letters, digits or _; at"
              + " most 48)");
    }
    return name;
  }
}
