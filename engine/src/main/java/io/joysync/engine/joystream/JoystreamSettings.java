package io.joysync.engine.joystream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.joysync.joystream.faucet.FaucetSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a node finds Joystream, read once from {@code joysync.joystream}: Orion (the indexer), a
 * chain node's JSON-RPC endpoint, the collaborator member videos are published as, and the
 * membership faucet (empty when its endpoint is blank: {@code POST /membership} answers 503). A
 * malformed value stops the node at start, naming its setting; {@link #toString()} never shows the
 * faucet's key.
 */
public record JoystreamSettings(
    URI orionUrl, URI chainUrl, long collaboratorMemberId, Optional<FaucetSettings> faucet) {

  public static final String ROOT = "joysync.joystream";

  public JoystreamSettings {
    if (collaboratorMemberId < 0) {
      throw new IllegalArgumentException(
          ROOT + ".collaborator-member-id must not be negative, was " + collaboratorMemberId);
    }
  }

  /** Reads {@code joysync.joystream} of a node's configuration. */
  public static JoystreamSettings from(Config root) {
    Config c = root.getConfig(ROOT);
    try {
      Config faucet = c.getConfig("faucet");
      String endpoint = faucet.getString("endpoint");
      return new JoystreamSettings(
          url(c, "orion-url", "orion-url", "http", "https"),
          url(c, "chain-url", "chain-url", "ws", "wss"),
          c.getLong("collaborator-member-id"),
          endpoint.isBlank()
              ? Optional.empty()
              : Optional.of(
                  new FaucetSettings(
                      url(faucet, "endpoint", "faucet.endpoint", "http", "https"),
                      faucet.getString("captcha-bypass-key"),
                      faucet.getDuration("timeout"))));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("bad Joystream setting: " + e.getMessage(), e);
    }
  }

  private static URI url(Config c, String path, String setting, String... schemes) {
    String text = c.getString(path).trim();
    try {
      URI uri = new URI(text);
      for (String scheme : schemes) {
        if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
          return uri;
        }
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        ROOT
            + "."
            + setting
            + " must be a "
            + String.join(" or ", schemes)
            + " URL, was '"
            + text
            + "'");
  }
}
