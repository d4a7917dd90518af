package io.joysync.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A service some tests need from the machine, with how to tell whether it is there (asked once per
 * test JVM) and how to provide it.
 */
public enum Service {
  CASSANDRA("Cassandra", "Start it with `./joysync services up cassandra`.") {
    @Override
    Optional<String> probe() {
      int port = TestEnvironment.cassandraPort();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return Optional.empty();
      } catch (IOException e) {
        return Optional.of("nothing answers on 127.0.0.1:" + port + " (CASSANDRA_PORT)");
      }
    }
  },
  ELASTICSEARCH("Elasticsearch", "Start it with `./joysync services up elasticsearch`.") {
    @Override
    Optional<String> probe() {
      String health = TestEnvironment.elasticsearchUrl() + "/_cluster/health";
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      try {
        HttpResponse<String> reply =
            http.send(
                HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return reply.statusCode() == 200 && reply.body().contains("\"status\"")
            ? Optional.empty()
            : Optional.of(health + " answered " + reply.statusCode() + " (ES_PORT)");
      } catch (IOException e) {
        return Optional.of("nothing answers at " + health + " (ES_PORT)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while asking " + health);
      }
    }
  },
  BROWSER(
      "Chromium (headless, for the operator page)",
      "`./joysync test` installs Debian's chromium; or apt-get install chromium.") {
    @Override
    Optional<String> probe() {
      return Browser.executable().isPresent()
          ? Optional.empty()
          : Optional.of("no chromium on the PATH");
    }
  },
  PROMETHEUS(
      "Prometheus and promtool",
      "`./joysync test` installs Debian's prometheus; or apt-get install prometheus.") {
    @Override
    Optional<String> probe() {
      if (Prometheus.executable("prometheus").isEmpty()) {
        return Optional.of("no prometheus on the PATH");
      }
      return Prometheus.executable("promtool").isEmpty()
          ? Optional.of("no promtool on the PATH")
          : Optional.empty();
    }
  },
  COMPOSE(
      "docker-compose (its parser validates docker-compose.yml; no container engine is used)",
      "`./joysync test` installs Debian's docker-compose; or apt-get install --no-install-recommends"
          + " docker-compose.") {
    @Override
    Optional<String> probe() {
      return Prometheus.executable("docker-compose").isPresent()
          ? Optional.empty()
          : Optional.of("no docker-compose on the PATH");
    }
  },
  REFERENCE_KIT(
      "The polkadot.js reference kit",
      "`./joysync test` installs it from ../shared/joystream-reference (node and npm needed), or"
          + " name an installed copy in JOYSTREAM_REFERENCE_KIT.") {
    @Override
    Optional<String> probe() {
      return ReferenceKit.prepare();
    }
  };

  private final String title;
  private final String fix;
  private volatile Optional<String> problem;

  Service(String title, String fix) {
    this.title = title;
    this.fix = fix;
  }

  /** Why the service cannot be used, or empty when it answers. */
  abstract Optional<String> probe();

  /** The result of the first probe in this JVM. */
  public synchronized Optional<String> problem() {
    if (problem == null) {
      problem = probe();
    }
    return problem;
  }

  /** Returns when the service is there; otherwise fails or skips the calling test. */
  public void require() {
    problem().ifPresent(p -> TestEnvironment.missing(this, p));
  }

  public String title() {
    return title;
  }

  public String fix() {
    return fix;
  }
}
