package io.joysync.app;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.devnet.youtube.YoutubeDevnetSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * The YouTube devnet and the Joystream devnet (chain, Orion, Colossus, faucet) of a test class, on
 * free ports, and the settings that point a node at them as the demo does: the devnet's OAuth
 * client and API key, its Orion, chain and faucet (with the faucet's key).
 */
record TestDevnets(
    YoutubeDevnet.Running youtube,
    YoutubeDevnetSettings youtubeSettings,
    RunningDevnet joystream,
    String faucetKey)
    implements AutoCloseable {

  /** The standard seeds: the devnet's creators and its genesis for tests. */
  static TestDevnets start() throws Exception {
    return start(YoutubeDevnetSettings.defaults(), DevnetSettings.forTests());
  }

  static TestDevnets start(YoutubeDevnetSettings youtubeSettings, DevnetSettings joystreamSettings)
      throws Exception {
    YoutubeDevnet.Running youtube = YoutubeDevnet.start(youtubeSettings.withPort(0));
    try {
      RunningDevnet joystream = Devnet.start(joystreamSettings);
      return new TestDevnets(
          youtube,
          youtubeSettings,
          joystream,
          joystreamSettings.devnet().getString("faucet.captcha-bypass-key"));
    } catch (Exception | Error e) {
      youtube.close();
      throw e;
    }
  }

  /** The node settings that reach these devnets (the client secret included). */
  Map<String, Object> nodeSettings() {
    Map<String, Object> settings = new HashMap<>(nodeSettingsButTheClientSecret());
    settings.put("joysync.youtube.client-secret", clientSecret());
    return settings;
  }

  /** The same without the OAuth client secret, for a node that takes it from its environment. */
  Map<String, Object> nodeSettingsButTheClientSecret() {
    return Map.of(
        "joysync.youtube.devnet-base-url", youtube.baseUrl(),
        "joysync.youtube.client-id", youtubeSettings.clientId(),
        "joysync.youtube.api-key", youtubeSettings.apiKey(),
        "joysync.joystream.orion-url", joystream.orionUrl(),
        "joysync.joystream.chain-url", joystream.chainUrl(),
        "joysync.joystream.faucet.endpoint", joystream.faucetUrl(),
        "joysync.joystream.faucet.captcha-bypass-key", faucetKey);
  }

  String clientSecret() {
    return youtubeSettings.clientSecret();
  }

  /** A code Google's consent screen would hand Atlas for the seeded account. */
  String code(String account) {
    return Atlas.code(youtube, account);
  }

  @Override
  public void close() {
    try {
      joystream.close();
    } finally {
      youtube.close();
    }
  }
}
