package io.joysync.persistence;

import java.net.InetSocketAddress;
import java.net.Socket;

/** Where the tests find Cassandra: 127.0.0.1 on {@code CASSANDRA_PORT} (9042 by default). */
public final class TestCassandra {

  private TestCassandra() {}

  public static int port() {
    String port = System.getenv("CASSANDRA_PORT");
    return port == null || port.isBlank() ? 9042 : Integer.parseInt(port);
  }

  /** For {@code @EnabledIf}: tests that need Cassandra skip themselves when none answers. */
  public static boolean available() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port()), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
