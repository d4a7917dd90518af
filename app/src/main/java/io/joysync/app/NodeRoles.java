package io.joysync.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.joysync.engine.cluster.NodeRole;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node's roles ({@code joysync.cluster.roles}, {@code JOYSYNC_ROLES}: a comma-separated list of
 * {@code api}, {@code pipeline}, {@code signer}, all three by default; see {@link NodeRole}),
 * checked and handed to Pekko as its cluster roles before the actor system starts. An unknown or
 * repeated role, or none, stops the node naming the setting.
 */
final class NodeRoles {

  static final String SETTING = "joysync.cluster.roles";

  private NodeRoles() {}

  /** The roles the setting names, in its order. */
  static List<String> from(Config config) {
    String value = config.getString(SETTING);
    Set<String> known =
        Arrays.stream(NodeRole.values()).map(NodeRole::id).collect(Collectors.toSet());
    if (value.isBlank()) {
      throw invalid("is empty; a node needs at least one of api, pipeline and signer");
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String role = part.trim().toLowerCase(Locale.ROOT);
      if (!known.contains(role)) {
        throw invalid(
            "\"" + part.trim() + "\" is not a role; the roles are api, pipeline and signer");
      }
      if (!roles.add(role)) {
        throw invalid("names " + role + " twice");
      }
    }
    return List.copyOf(roles);
  }

  /** The configuration with the roles as Pekko's cluster roles. */
  static Config configure(Config config) {
    return ConfigFactory.empty()
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(from(config)))
        .withFallback(config);
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException("Invalid setting " + SETTING + ": " + problem);
  }
}
