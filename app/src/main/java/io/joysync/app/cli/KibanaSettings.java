package io.joysync.app.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of {@code joysync kibana apply}: the variables youtube-synch's Kibana script took
 * ({@code KIBANA_URL}, {@code ELASTIC_USERNAME}, {@code ELASTIC_PASSWORD}, {@code
 * EMAIL_RECIPIENTS}, {@code DISCORD_WEBHOOK_URL}, {@code THRESHOLD}, {@code ALERT_RULE_NAME},
 * {@code EMAIL_CONNECTOR_NAME}, {@code WEBHOOK_CONNECTOR_NAME}) and those the e-mail connector
 * needs when it has to be created ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_SECURE},
 * {@code EMAIL_FROM}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}), read from the environment or,
 * with {@code --env-file}, from that file alone. The password is never part of a message.
 */
final class KibanaSettings {

  static final int MAX_NAME_LENGTH = 100;

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "KIBANA_URL", "http://localhost:5601",
          "ELASTIC_USERNAME", "elastic",
          "THRESHOLD", "10",
          "EMAIL_CONNECTOR_NAME", "Elastic-Cloud-SMTP",
          "WEBHOOK_CONNECTOR_NAME", "Discord-Webhook",
          "SMTP_PORT", "587",
          "SMTP_SECURE", "false");

  private final Function<String, String> source;

  private KibanaSettings(Function<String, String> source) {
    this.source = source;
  }

  static KibanaSettings fromEnvironment(Function<String, String> environment) {
    return new KibanaSettings(environment);
  }

  /** {@code KEY=VALUE} lines ({@code #} comments, optional quotes), as youtube-synch's .env. */
  static KibanaSettings fromFile(Path file) throws ChannelsCommand.Stop {
    Map<String, String> values = new HashMap<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        String trimmed = lines.get(n).strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
          throw new ChannelsCommand.Stop(
              ChannelsCommand.INVALID_FILE,
              "INVALID_FILE " + file + ": line " + (n + 1) + " is not KEY=VALUE");
        }
        String value = trimmed.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(trimmed.substring(0, eq).strip(), value);
      }
    } catch (NoSuchFileException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.FILE_NOT_FOUND, "FILE_NOT_FOUND the settings file " + file);
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE, "INVALID_FILE " + file + ": " + e.getMessage());
    }
    return new KibanaSettings(values::get);
  }

  /** The variable, else its default; empty when neither. */
  Optional<String> get(String name) {
    String value = source.apply(name);
    if (value == null || value.isBlank()) {
      value = DEFAULTS.get(name);
    }
    return Optional.ofNullable(value).map(String::strip);
  }

  String required(String name, String why) throws ChannelsCommand.Stop {
    return get(name)
        .orElseThrow(
            () ->
                new ChannelsCommand.Stop(
                    ChannelsCommand.INVALID_INPUT,
                    "MISSING_SETTING " + name + " is not set; it is needed " + why));
  }

  URI kibanaUrl() throws ChannelsCommand.Stop {
    String url = required("KIBANA_URL", "to reach Kibana");
    try {
      URI uri = URI.create(url.endsWith("/") ? url : url + "/");
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getUserInfo() != null) {
        throw new IllegalArgumentException("not an http(s) URL without credentials");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT,
          "INVALID_SETTING KIBANA_URL must be an http(s) URL such as http://localhost:5601"
              + " (credentials go in ELASTIC_USERNAME and ELASTIC_PASSWORD)");
    }
  }

  long threshold() throws ChannelsCommand.Stop {
    String value = required("THRESHOLD", "for the errors rule");
    try {
      long threshold = Long.parseLong(value);
      if (threshold >= 0) {
        return threshold;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ChannelsCommand.Stop(
        ChannelsCommand.INVALID_INPUT,
        "INVALID_SETTING THRESHOLD must be a whole number of error lines, 0 or more: " + value);
  }

  /** A rule or connector name from {@code variable}, at most {@link #MAX_NAME_LENGTH} long. */
  Optional<String> name(String variable) throws ChannelsCommand.Stop {
    Optional<String> name = get(variable);
    if (name.isPresent() && name.get().length() > MAX_NAME_LENGTH) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT,
          "INVALID_SETTING "
              + variable
              + " is longer than "
              + MAX_NAME_LENGTH
              + " characters (alert messages must stay within Discord's limits)");
    }
    return name;
  }
}
