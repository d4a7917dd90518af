package io.joysync.engine.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The publishing settings, read once from {@code joysync.publishing}. Keys are parsed here, so a
 * malformed one stops the node at start with the name of its setting; the records hold parsed keys
 * only, whose {@code toString} shows the key type and address, never a secret. A node without the
 * signer role reads the accounts' member ids only: the keys (and the app's auth key) stay on the
 * signer nodes, and a node that signs nothing never holds them.
 */
public record PublishingSettings(
    List<Account> accounts,
    App app,
    double blockShare,
    Duration gatheringWindow,
    int maxExtrinsicsInFlight,
    int eraPeriod,
    Duration askTimeout,
    Duration reAskInterval,
    Duration wakeInterval,
    Duration statusLogInterval,
    Duration checkInterval,
    int maxOrionLagBlocks,
    int rebroadcastAfterBlocks,
    Duration finalityStallWarning,
    Duration retryBackoffMin,
    Duration retryBackoffMax,
    Duration pauseRecheck,
    int maxAttempts,
    int maxMetadataBytes,
    int recentResults,
    Duration collaboratorCacheTtl) {

  public static final String ROOT = "joysync.publishing";

  /**
   * One signer account: a collaborator member and its controller key, which only the signer nodes
   * hold (empty on the others, which route requests to the account by member id).
   */
  public record Account(long memberId, Optional<KeyPair> key) {

    /** The controller key; only a signer node has it. */
    public KeyPair signingKey() {
      return key.orElseThrow(
          () ->
              new IllegalStateException(
                  "the key of member " + memberId + " is not held on this node (no signer role)"));
    }
  }

  /** The Orion app videos are attributed to, with its auth key (empty when not configured). */
  public record App(String name, Optional<Ed25519KeyPair> authKey) {}

  public PublishingSettings {
    accounts = List.copyOf(accounts);
    if (!(blockShare > 0 && blockShare <= 1)) {
      throw new IllegalArgumentException(
          ROOT + ".block-share must be in (0, 1], got " + blockShare);
    }
    if (reAskInterval.isNegative() || reAskInterval.isZero()) {
      throw new IllegalArgumentException(
          ROOT + ".re-ask-interval must be positive, got " + reAskInterval);
    }
    if (maxExtrinsicsInFlight < 1) {
      throw new IllegalArgumentException(ROOT + ".max-extrinsics-in-flight must be at least 1");
    }
    if (eraPeriod < 4 || eraPeriod > 2048 || Integer.bitCount(eraPeriod) != 1) {
      throw new IllegalArgumentException(
          ROOT + ".era-period must be a power of two from 4 to 2048, got " + eraPeriod);
    }
    if (accounts.stream().anyMatch(a -> a.key().isPresent()) && app.authKey().isEmpty()) {
      throw new IllegalArgumentException(
          ROOT
              + ".app.auth-key-seed (JOYSYNC_APP_AUTH_KEY_SEED) is required when an account is"
              + " configured: without it videos lose their app attribution");
    }
  }

  /** Reads {@code joysync.publishing} of a node's configuration, for a node that signs. */
  public static PublishingSettings from(Config config) {
    return from(config, true);
  }

  /**
   * Reads {@code joysync.publishing} of a node's configuration. With {@code signs} false (a node
   * without the signer role) the accounts' keys and the app's auth key are not read at all: such a
   * node needs only each account's member id.
   */
  public static PublishingSettings from(Config config, boolean signs) {
    Config c = config.getConfig(ROOT);
    try {
      List<Account> accounts = accounts(c, signs);
      String seed = signs ? c.getString("app.auth-key-seed") : "";
      return new PublishingSettings(
          accounts,
          new App(
              c.getString("app.name"),
              seed.isEmpty() ? Optional.empty() : Optional.of(Ed25519KeyPair.fromString(seed))),
          c.getDouble("block-share"),
          c.getDuration("gathering-window"),
          c.getInt("max-extrinsics-in-flight"),
          c.getInt("era-period"),
          c.getDuration("ask-timeout"),
          c.getDuration("re-ask-interval"),
          c.getDuration("wake-interval"),
          c.getDuration("status-log-interval"),
          c.getDuration("check-interval"),
          c.getInt("max-orion-lag-blocks"),
          c.getInt("rebroadcast-after-blocks"),
          c.getDuration("finality-stall-warning"),
          c.getDuration("retry-backoff-min"),
          c.getDuration("retry-backoff-max"),
          c.getDuration("pause-recheck"),
          c.getInt("max-attempts"),
          c.getInt("max-metadata-bytes"),
          c.getInt("recent-results"),
          c.getDuration("collaborator-cache-ttl"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("bad publishing setting: " + e.getMessage(), e);
    }
  }

  /** The same settings with other accounts (tests run one account at a time). */
  public PublishingSettings withAccounts(List<Account> others) {
    return new PublishingSettings(
        others,
        app,
        blockShare,
        gatheringWindow,
        maxExtrinsicsInFlight,
        eraPeriod,
        askTimeout,
        reAskInterval,
        wakeInterval,
        statusLogInterval,
        checkInterval,
        maxOrionLagBlocks,
        rebroadcastAfterBlocks,
        finalityStallWarning,
        retryBackoffMin,
        retryBackoffMax,
        pauseRecheck,
        maxAttempts,
        maxMetadataBytes,
        recentResults,
        collaboratorCacheTtl);
  }

  /** The configured account of a member. */
  public Optional<Account> account(long memberId) {
    return accounts.stream().filter(a -> a.memberId() == memberId).findFirst();
  }

  /**
   * Whether the configuration gives a secret (an account's key or the app's auth key seed): a node
   * without the signer role should not be given one.
   */
  public static boolean holdsSecrets(Config config) {
    Config c = config.getConfig(ROOT);
    List<Config> accounts = new ArrayList<>(c.getConfigList("accounts"));
    accounts.add(c.getConfig("single-account"));
    return !c.getString("app.auth-key-seed").isBlank()
        || accounts.stream()
            .anyMatch(
                a ->
                    (a.hasPath("key-uri") && !a.getString("key-uri").isBlank())
                        || (a.hasPath("key-file") && !a.getString("key-file").isBlank()));
  }

  private static List<Account> accounts(Config c, boolean signs) {
    List<Account> out = new ArrayList<>();
    List<? extends Config> listed = c.getConfigList("accounts");
    for (int i = 0; i < listed.size(); i++) {
      out.add(account(listed.get(i), ROOT + ".accounts[" + i + "]", signs));
    }
    Config single = c.getConfig("single-account");
    if (!single.getString("member-id").isBlank()) {
      out.add(account(single, ROOT + ".single-account", signs));
    }
    Set<Long> members = new HashSet<>();
    for (Account a : out) {
      if (!members.add(a.memberId())) {
        throw new IllegalArgumentException(
            ROOT + ": member " + a.memberId() + " is configured twice (one key per member)");
      }
    }
    return out;
  }

  private static Account account(Config a, String setting, boolean signs) {
    long memberId;
    try {
      memberId = Long.parseLong(a.getString("member-id").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting + ".member-id must be a member id (a number)");
    }
    if (memberId < 0) {
      throw new IllegalArgumentException(setting + ".member-id must not be negative");
    }
    if (!signs) {
      return new Account(memberId, Optional.empty());
    }
    KeyType type = keyType(a, setting);
    String uri = secretUri(a, setting);
    try {
      return new Account(memberId, Optional.of(KeyPair.fromUri(type, uri)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          setting
              + ": the "
              + type.name().toLowerCase(Locale.ROOT)
              + " key is not a valid secret"
              + " URI (a mnemonic, //derivation or 0x seed); its value is not shown");
    }
  }

  private static KeyType keyType(Config a, String setting) {
    String text = a.hasPath("key-type") ? a.getString("key-type") : "ed25519";
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "ed25519" -> KeyType.ED25519;
      case "sr25519" -> KeyType.SR25519;
      default ->
          throw new IllegalArgumentException(
              setting + ".key-type must be ed25519 or sr25519, got '" + text + "'");
    };
  }

  private static String secretUri(Config a, String setting) {
    String uri = a.hasPath("key-uri") ? a.getString("key-uri") : "";
    String file = a.hasPath("key-file") ? a.getString("key-file") : "";
    if (!uri.isEmpty() && !file.isEmpty()) {
      throw new IllegalArgumentException(setting + ": give key-uri or key-file, not both");
    }
    if (!file.isEmpty()) {
      try {
        uri = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            setting + ".key-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (uri.isBlank()) {
      throw new IllegalArgumentException(setting + ": key-uri or key-file is required");
    }
    return uri;
  }
}
