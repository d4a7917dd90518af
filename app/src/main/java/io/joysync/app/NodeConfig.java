package io.joysync.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a node's configuration: explicit overrides, then {@code -D} system properties, then the
 * chosen file or resource (default {@code application.conf}), then the libraries' defaults.
 */
public final class NodeConfig {

  private NodeConfig() {}

  public static Config load(String configName, Map<String, Object> overrides) {
    Config chosen;
    if (configName == null) {
      chosen = ConfigFactory.parseResourcesAnySyntax("application");
    } else if (new File(configName).isFile()) {
      chosen = ConfigFactory.parseFile(new File(configName));
    } else if (NodeConfig.class.getClassLoader().getResource(configName) != null) {
      chosen = ConfigFactory.parseResourcesAnySyntax(configName);
    } else {
      throw new IllegalArgumentException(
          "No configuration file or class-path resource named " + configName);
    }
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(chosen)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  public static Map<String, Object> portOverrides(
      Integer httpPort, Integer managementPort, Integer remotePort) {
    Map<String, Object> overrides = new HashMap<>();
    if (httpPort != null) {
      overrides.put("joysync.http.port", httpPort);
    }
    if (managementPort != null) {
      overrides.put("pekko.management.http.port", managementPort);
    }
    if (remotePort != null) {
      overrides.put("pekko.remote.artery.canonical.port", remotePort);
    }
    return overrides;
  }
}
