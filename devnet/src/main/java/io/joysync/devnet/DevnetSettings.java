package io.joysync.devnet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the devnet: the {@code joysync.devnet} config (defaults from {@code
 * joystream-devnet.conf}, overridden by a genesis file or by code) and any further components to
 * start beside the Joystream side. Immutable; the {@code with...} methods return copies.
 */
public record DevnetSettings(Config config, List<DevnetComponent.Factory> components) {
  public static final String ROOT = "joysync.devnet";

  public DevnetSettings {
    components = List.copyOf(components);
  }

  /** The defaults: ports 9944 / 4350 / 3333 / 9955, faucet 3002, 1 s blocks. */
  public static DevnetSettings defaults() {
    return new DevnetSettings(load(ConfigFactory.empty()), List.of());
  }

  /** A genesis/config file (HOCON) over the defaults. */
  public static DevnetSettings fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("devnet config file not found: " + file);
    }
    return new DevnetSettings(load(ConfigFactory.parseFile(file.toFile())), List.of());
  }

  /** For tests: every port 0 (chosen by the OS), fast blocks, Orion without lag. */
  public static DevnetSettings forTests() {
    return defaults()
        .with("chain.port", 0)
        .with("orion.port", 0)
        .with("colossus.port", 0)
        .with("admin.port", 0)
        .with("faucet.port", 0)
        .with("chain.block-interval", "200ms")
        .with("orion.lag-blocks", 0)
        .with("orion.poll-interval", "50ms")
        .with("colossus.accept-delay", "300ms");
  }

  private static Config load(Config overrides) {
    return overrides.withFallback(ConfigFactory.parseResources("joystream-devnet.conf")).resolve();
  }

  /** A copy with one key under {@code joysync.devnet} replaced. */
  public DevnetSettings with(String path, Object value) {
    return new DevnetSettings(
        config.withValue(ROOT + "." + path, ConfigValueFactory.fromAnyRef(value)), components);
  }

  public DevnetSettings withComponent(DevnetComponent.Factory factory) {
    List<DevnetComponent.Factory> next = new ArrayList<>(components);
    next.add(factory);
    return new DevnetSettings(config, next);
  }

  public Config devnet() {
    return config.getConfig(ROOT);
  }
}
