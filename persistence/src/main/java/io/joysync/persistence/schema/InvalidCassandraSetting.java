package io.joysync.persistence.schema;

/**
 * A Cassandra setting a node cannot run with (replication, keyspace names): refused at start-up and
 * by {@code joysync schema} before anything is created. The message names the setting.
 */
public final class InvalidCassandraSetting extends IllegalArgumentException {

  private final String setting;

  public InvalidCassandraSetting(String setting, String problem) {
    super("Invalid setting " + setting + ": " + problem);
    this.setting = setting;
  }

  /** The path of the offending setting, e.g. {@code joysync.cassandra.replication.factor}. */
  public String setting() {
    return setting;
  }
}
