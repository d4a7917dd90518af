package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.joysync.persistence.schema.CassandraSchema;
import io.joysync.persistence.schema.InvalidCassandraSetting;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node's Cassandra settings, without Cassandra: the defaults suit one machine, the journal
 * plugin's replication and auto-creation follow joysync's one setting, each use's consistency level
 * reaches its driver profile, and bad values are refused naming the setting.
 */
class CassandraSettingsTest {

  private static final String JOURNAL = "pekko.persistence.cassandra.journal.";
  private static final String SNAPSHOT = "pekko.persistence.cassandra.snapshot.";
  private static final String PROFILES = "datastax-java-driver.profiles.";

  private static Config node(Map<String, Object> overrides) {
    return CassandraSchema.configure(NodeConfig.load(null, overrides));
  }

  @Test
  void byDefaultEveryKeyspaceHasOneReplicaAndIsCreatedAtStartUp() {
    Config config = node(Map.of());

    assertThat(CassandraSchema.from(config).replication().cql())
        .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
    assertThat(config.getString(JOURNAL + "replication-strategy")).isEqualTo("SimpleStrategy");
    assertThat(config.getInt(SNAPSHOT + "replication-factor")).isEqualTo(1);
    assertThat(config.getBoolean(JOURNAL + "keyspace-autocreate")).isTrue();
    assertThat(config.getBoolean(SNAPSHOT + "tables-autocreate")).isTrue();
  }

  @Test
  void theJournalPluginFollowsTheReplicationAndAutoCreateSetting() {
    Config config =
        node(
            Map.of(
                "joysync.cassandra.auto-create", false,
                "joysync.cassandra.replication.strategy", "NetworkTopologyStrategy",
                "joysync.cassandra.replication.datacenters", "eu-west:3, us-east:2"));

    for (String plugin : new String[] {JOURNAL, SNAPSHOT}) {
      assertThat(config.getString(plugin + "replication-strategy"))
          .isEqualTo("NetworkTopologyStrategy");
      assertThat(config.getStringList(plugin + "data-center-replication-factors"))
          .containsExactly("eu-west:3", "us-east:2");
      assertThat(config.getBoolean(plugin + "keyspace-autocreate")).isFalse();
      assertThat(config.getBoolean(plugin + "tables-autocreate")).isFalse();
    }
    assertThat(CassandraSchema.from(config).createKeyspace("ks"))
        .isEqualTo(
            "CREATE KEYSPACE IF NOT EXISTS ks WITH replication ="
                + " {'class': 'NetworkTopologyStrategy', 'eu-west': 3, 'us-east': 2}");
  }

  @Test
  void eachUseHasTheConsistencyLevelChosenForItAndCanBeTuned() {
    Config defaults = node(Map.of());
    Config tuned = node(Map.of("joysync.cassandra.consistency.journal", "LOCAL_QUORUM"));

    assertThat(
            Map.of(
                "journal",
                defaults.getString(
                    PROFILES + "pekko-persistence-cassandra-profile.basic.request.consistency"),
                "snapshot",
                defaults.getString(
                    PROFILES
                        + "pekko-persistence-cassandra-snapshot-profile.basic.request.consistency"),
                "offsets",
                defaults.getString(
                    PROFILES + "pekko-projection-cassandra-profile.basic.request.consistency"),
                "read side",
                defaults.getString("datastax-java-driver.basic.request.consistency"),
                "work index",
                defaults.getString(PROFILES + "joysync-work-index.basic.request.consistency"),
                "discovery",
                defaults.getString(PROFILES + "joysync-discovery.basic.request.consistency"),
                "queries",
                defaults.getString(PROFILES + "joysync-queries.basic.request.consistency")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "journal", "QUORUM",
                "snapshot", "ONE",
                "offsets", "LOCAL_QUORUM",
                "read side", "LOCAL_QUORUM",
                "work index", "LOCAL_QUORUM",
                "discovery", "LOCAL_QUORUM",
                "queries", "LOCAL_ONE"));
    assertThat(
            tuned.getString(
                PROFILES + "pekko-persistence-cassandra-profile.basic.request.consistency"))
        .isEqualTo("LOCAL_QUORUM");
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> node(Map.of("joysync.cassandra.consistency.queries", "SOME")))
        .isInstanceOf(InvalidCassandraSetting.class)
        .hasMessageStartingWith(
            "Invalid setting joysync.cassandra.consistency.queries: unknown consistency level"
                + " 'SOME'");
    assertThatThrownBy(() -> node(Map.of("joysync.cassandra.replication.factor", "three")))
        .hasMessage(
            "Invalid setting joysync.cassandra.replication.factor: the replication factor 'three'"
                + " is not a whole number");
    assertThatThrownBy(
            () ->
                node(
                    Map.of(
                        "joysync.cassandra.replication.strategy", "NetworkTopologyStrategy",
                        "joysync.cassandra.replication.datacenters", "eu-west")))
        .hasMessageContaining("joysync.cassandra.replication.datacenters")
        .hasMessageContaining("'eu-west' is not <data center>:<replication factor>");
    assertThatThrownBy(() -> node(Map.of("joysync.cassandra.autocreate", false)))
        .hasMessage(
            "Invalid setting joysync.cassandra.autocreate: no longer read; set"
                + " joysync.cassandra.auto-create instead");
    assertThatThrownBy(() -> node(Map.of("joysync.cassandra.keyspace-prefix", "my-joysync")))
        .hasMessageContaining("joysync.cassandra.keyspace-prefix")
        .hasMessageContaining("'my-joysync_journal' is not a Cassandra keyspace name");
  }
}
