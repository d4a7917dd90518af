package io.joysync.app;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a node must share with the cluster it joins, checked by the cluster's members when it asks
 * to join (Pekko's join configuration check, {@code cluster.conf}): the keyspaces (the same data: a
 * node of another cluster, started with this cluster's contact points or seeds, is refused), the
 * collaborator member the cluster publishes as (one signer per account), the number of shards
 * (where every entity lives) and the wire version (what the nodes send each other). A refused node
 * shuts down before it takes part in anything; the members log which settings differ and keep
 * running.
 */
public final class JoinCompatibility extends JoinConfigCompatChecker {

  static final List<String> KEYS =
      List.of(
          "joysync.cassandra.keyspace-prefix",
          "joysync.joystream.collaborator-member-id",
          "pekko.cluster.sharding.number-of-shards",
          "joysync.cluster.wire-version");

  @Override
  public scala.collection.immutable.Seq<String> requiredKeys() {
    return CollectionConverters.asScala(KEYS).toList();
  }

  @Override
  public ConfigValidation check(Config joining, Config cluster) {
    List<String> problems = differences(joining, cluster);
    return problems.isEmpty()
        ? Valid$.MODULE$
        : new Invalid(CollectionConverters.asScala(problems).toList());
  }

  /** A sentence per setting the joining node does not share with the cluster. */
  static List<String> differences(Config joining, Config cluster) {
    List<String> problems = new ArrayList<>();
    for (String key : KEYS) {
      String theirs = joining.hasPath(key) ? joining.getValue(key).unwrapped().toString() : null;
      String ours = cluster.getValue(key).unwrapped().toString();
      if (theirs == null) {
        problems.add(key + " is not set on the joining node (a joysync of another version?)");
      } else if (!theirs.equals(ours)) {
        problems.add(
            key + " is " + theirs + " on the joining node but " + ours + " in the cluster");
      }
    }
    return problems;
  }
}
