package io.joysync.persistence.schema;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How every joysync keyspace is replicated, read once from {@code joysync.cassandra.replication}:
 * {@code SimpleStrategy} with one factor (single data center, the default with factor 1), or {@code
 * NetworkTopologyStrategy} with a factor per data center. The journal's and snapshot store's
 * keyspace settings are derived from it ({@link CassandraSchema#configure}), never set apart.
 */
public record CassandraReplication(
    Strategy strategy, int factor, Map<String, Integer> datacenters) {

  public static final String PATH = "joysync.cassandra.replication";

  private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** The two strategies Cassandra offers for application keyspaces. */
  public enum Strategy {
    SimpleStrategy,
    NetworkTopologyStrategy
  }

  public CassandraReplication {
    datacenters = Map.copyOf(new TreeMap<>(datacenters));
  }

  /** Reads and checks the setting; a bad value fails naming the setting and what it accepts. */
  public static CassandraReplication from(Config config) {
    Strategy strategy = strategy(config);
    if (strategy == Strategy.SimpleStrategy) {
      int factor = positive(config, PATH + ".factor");
      return new CassandraReplication(strategy, factor, Map.of());
    }
    Map<String, Integer> datacenters = datacenters(config);
    if (datacenters.isEmpty()) {
      throw new InvalidCassandraSetting(
          PATH + ".datacenters",
          "NetworkTopologyStrategy needs at least one data center with its replication factor,"
              + " e.g. datacenters { dc1 = 3 } or JOYSYNC_CASSANDRA_REPLICATION_DATACENTERS=dc1:3");
    }
    return new CassandraReplication(strategy, 0, datacenters);
  }

  /** The replication map of {@code CREATE KEYSPACE ... WITH replication = <this>}. */
  public String cql() {
    if (strategy == Strategy.SimpleStrategy) {
      return "{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}";
    }
    return datacenters.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "'" + e.getKey() + "': " + e.getValue())
        .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
  }

  /** The journal plugin's {@code data-center-replication-factors} list ({@code "dc1:3"}). */
  List<String> datacenterFactors() {
    List<String> list = new ArrayList<>();
    new TreeMap<>(datacenters).forEach((dc, f) -> list.add(dc + ":" + f));
    return list;
  }

  /** The plugin wants a factor even for NetworkTopologyStrategy, where it is not used. */
  int pluginFactor() {
    return strategy == Strategy.SimpleStrategy ? factor : 1;
  }

  private static Strategy strategy(Config config) {
    String path = PATH + ".strategy";
    String value = string(config, path).trim();
    for (Strategy s : Strategy.values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new InvalidCassandraSetting(
        path,
        "unknown replication strategy '"
            + value
            + "'; use SimpleStrategy or NetworkTopologyStrategy");
  }

  private static Map<String, Integer> datacenters(Config config) {
    String path = PATH + ".datacenters";
    if (!config.hasPath(path)) {
      return Map.of();
    }
    Map<String, Integer> factors = new TreeMap<>();
    if (config.getValue(path).valueType() == ConfigValueType.OBJECT) {
      for (String dc : config.getConfig(path).root().keySet()) {
        factors.put(datacenter(path, dc), positive(config, path + ".\"" + dc + "\"", path, dc));
      }
      return factors;
    }
    // From the environment: "dc1:3,dc2:3".
    String list = string(config, path).trim();
    for (String entry : list.isEmpty() ? new String[0] : list.split(",")) {
      String[] parts = entry.trim().split("[:=]");
      if (parts.length != 2) {
        throw new InvalidCassandraSetting(
            path, "'" + entry.trim() + "' is not <data center>:<replication factor>, e.g. dc1:3");
      }
      String dc = datacenter(path, parts[0].trim());
      factors.put(dc, factorOf(path, dc, parts[1].trim()));
    }
    return factors;
  }

  private static String datacenter(String path, String name) {
    if (!DATACENTER.matcher(name).matches()) {
      throw new InvalidCassandraSetting(path, "'" + name + "' is not a data center name");
    }
    return name;
  }

  private static int positive(Config config, String path) {
    return positive(config, path, path, null);
  }

  private static int positive(Config config, String path, String named, String datacenter) {
    String raw;
    try {
      raw = config.getValue(path).unwrapped().toString().trim();
    } catch (ConfigException e) {
      throw new InvalidCassandraSetting(named, "is missing");
    }
    return factorOf(named, datacenter, raw);
  }

  private static int factorOf(String path, String datacenter, String raw) {
    String what = datacenter == null ? "" : " of data center " + datacenter;
    int factor;
    try {
      factor = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new InvalidCassandraSetting(
          path, "the replication factor" + what + " '" + raw + "' is not a whole number");
    }
    if (factor < 1) {
      throw new InvalidCassandraSetting(
          path, "the replication factor" + what + " must be at least 1, not " + factor);
    }
    return factor;
  }

  private static String string(Config config, String path) {
    try {
      return config.getValue(path).unwrapped().toString();
    } catch (ConfigException e) {
      throw new InvalidCassandraSetting(path, "is missing");
    }
  }
}
