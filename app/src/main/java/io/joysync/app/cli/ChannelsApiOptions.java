package io.joysync.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where the node's API is and the operator key to use. The key comes from the environment ({@code
 * JOYSYNC_OPERATOR_KEY}) or from a file, never from a flag, so it does not land in shell history or
 * process listings.
 */
final class ChannelsApiOptions {

  static final String KEY_VARIABLE = "JOYSYNC_OPERATOR_KEY";

  @Option(
      names = "--api-url",
      defaultValue = "http://127.0.0.1:3001",
      description = "The node's HTTP API (default: ${DEFAULT-VALUE}).")
  String apiUrl;

  @Option(
      names = "--operator-key-file",
      description = "File holding the operator key (default: $" + KEY_VARIABLE + ").")
  Path operatorKeyFile;

  Function<String, String> environment = System::getenv;

  ChannelsApi connect() throws ChannelsCommand.Stop {
    return new ChannelsApi(
        base("--api-url", apiUrl), operatorKey(operatorKeyFile, environment), "the joysync API");
  }

  /** {@code url} as the base of the calls, or a stop naming {@code option}. */
  static URI base(String option, String url) throws ChannelsCommand.Stop {
    try {
      URI uri = new URI(url.endsWith("/") ? url : url + "/");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(url, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT, option + " must be an http(s) URL: " + url);
    }
  }

  /** The operator key from {@code operatorKeyFile}, or else from the environment. */
  static String operatorKey(Path operatorKeyFile, Function<String, String> environment)
      throws ChannelsCommand.Stop {
    String key;
    if (operatorKeyFile != null) {
      try {
        key = Files.readString(operatorKeyFile, StandardCharsets.UTF_8).trim();
      } catch (NoSuchFileException e) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.FILE_NOT_FOUND, "Operator key file not found: " + operatorKeyFile);
      } catch (IOException e) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_FILE,
            "Operator key file could not be read: " + operatorKeyFile);
      }
    } else {
      key = environment.apply(KEY_VARIABLE);
      key = key == null ? "" : key.trim();
    }
    if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT,
          "No usable operator key: set " + KEY_VARIABLE + " or give --operator-key-file");
    }
    return key;
  }
}
