package io.joysync.app.cli;

import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where a node's management endpoint is ({@code --management-url}, else {@code
 * JOYSYNC_MANAGEMENT_URL}, else the local node's) and the operator key, read as the other operator
 * commands read it: from {@code JOYSYNC_OPERATOR_KEY} or a file, never from a flag.
 */
final class ManagementOptions {

  static final String URL_VARIABLE = "JOYSYNC_MANAGEMENT_URL";
  static final String LOCAL_NODE = "http://127.0.0.1:8558";

  @Option(
      names = "--management-url",
      description =
          "The node's management endpoint (default: $"
              + URL_VARIABLE
              + ", else "
              + LOCAL_NODE
              + ").")
  String managementUrl;

  @Option(
      names = "--operator-key-file",
      description =
          "File holding the operator key (default: $" + ChannelsApiOptions.KEY_VARIABLE + ").")
  Path operatorKeyFile;

  Function<String, String> environment = System::getenv;

  ChannelsApi connect() throws ChannelsCommand.Stop {
    String url = managementUrl;
    if (url == null) {
      String fromEnvironment = environment.apply(URL_VARIABLE);
      url =
          fromEnvironment == null || fromEnvironment.isBlank()
              ? LOCAL_NODE
              : fromEnvironment.trim();
    }
    return new ChannelsApi(
        ChannelsApiOptions.base("--management-url", url),
        ChannelsApiOptions.operatorKey(operatorKeyFile, environment),
        "the node's management endpoint");
  }
}
