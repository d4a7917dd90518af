package io.joysync.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.UUID;

/**
 * The real Cassandra the integration tests run against (started by {@code ./joysync test} through
 * services/). Test classes guard themselves with {@code @EnabledIf} on {@link #available()} so a
 * machine without Cassandra still gets a green unit run.
 */
public final class TestCassandra {

  private TestCassandra() {}

  public static int port() {
    String port = System.getenv("CASSANDRA_PORT");
    return port == null || port.isBlank() ? 9042 : Integer.parseInt(port);
  }

  public static String contactPoint() {
    return "127.0.0.1:" + port();
  }

  public static boolean available() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A keyspace prefix no other test run uses. */
  public static String freshKeyspacePrefix(String test) {
    return "it_" + test + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }
}
