package io.joysync.app;

import io.joysync.harness.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * The real Cassandra the integration tests run against (started by {@code ./joysync test} through
 * services/). Test classes declare it with {@code @Needs(Service.CASSANDRA)}: skipped on a machine
 * without Cassandra, a failure under CI.
 */
public final class TestCassandra {

  private TestCassandra() {}

  public static String contactPoint() {
    return TestEnvironment.cassandraContactPoint();
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
