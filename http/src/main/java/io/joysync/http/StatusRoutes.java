package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /status}: the running version and whether syncing is switched on. */
public final class StatusRoutes {

  /** The body of {@code GET /status}. */
  public record Status(String version, String syncStatus) {}

  private final Status status;

  public StatusRoutes(HttpSettings settings) {
    this.status = new Status(version(), settings.syncEnabled() ? "enabled" : "disabled");
  }

  public Route route() {
    return path("status", () -> get(() -> complete(StatusCodes.OK, status, Json.marshaller())));
  }

  /** The build's version, written into the jar by Maven resource filtering. */
  public static String version() {
    try (InputStream in = StatusRoutes.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the http module");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
