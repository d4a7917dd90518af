package io.joysync.engine.notify;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code joysync.mail}: the SMTP server creator e-mails go through (off while {@code host} is
 * empty), how to reach it ({@code security}: {@code none}, {@code starttls} required, or {@code
 * tls} from the first byte), the credentials (never logged), the sender, the app the links lead to,
 * and an optional directory of templates replacing the shipped ones.
 */
public record MailSettings(
    Optional<String> host,
    int port,
    Security security,
    Optional<String> username,
    Optional<String> password,
    String from,
    String appUrl,
    Duration timeout,
    Duration maxEventAge,
    Optional<Path> templatesDir) {

  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  /** The settings as they may be logged: no password. */
  @Override
  public String toString() {
    return "MailSettings[host="
        + host.orElse("")
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username.orElse("")
        + ", from="
        + from
        + "]";
  }

  public boolean enabled() {
    return host.isPresent();
  }

  public static MailSettings from(Config config) {
    Config c = config.getConfig("joysync.mail");
    try {
      Optional<String> host = nonEmpty(c.getString("host"));
      int port = c.getInt("port");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("joysync.mail.port must be 1..65535, not " + port);
      }
      String securityName = c.getString("security").trim().toUpperCase(Locale.ROOT);
      Security security;
      try {
        security = Security.valueOf(securityName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "joysync.mail.security must be none, starttls or tls, not '"
                + c.getString("security")
                + "'");
      }
      Optional<String> username = nonEmpty(c.getString("username"));
      Optional<String> password = nonEmpty(c.getString("password"));
      if (username.isPresent() != password.isPresent()) {
        throw new IllegalArgumentException(
            "joysync.mail.username and joysync.mail.password go together (one is set, not the"
                + " other)");
      }
      String from = c.getString("from").trim();
      if (host.isPresent() && (!from.contains("@") || from.contains("\n"))) {
        throw new IllegalArgumentException(
            "joysync.mail.from must be the sender's e-mail address when joysync.mail.host is set");
      }
      return new MailSettings(
          host,
          port,
          security,
          username,
          password,
          from,
          c.getString("app-url"),
          c.getDuration("timeout"),
          c.getDuration("max-event-age"),
          nonEmpty(c.getString("templates-dir")).map(Path::of));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid joysync.mail settings: " + e.getMessage(), e);
    }
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}
