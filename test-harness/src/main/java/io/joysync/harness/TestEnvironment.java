package io.joysync.harness;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for a test whose service is missing, in one place. Under CI (the {@code CI} variable) or
 * with {@code JOYSYNC_REQUIRE_ALL=1} (which {@code ./joysync test} sets) every service is required:
 * a missing one fails the tests that need it, with the reason and the fix. Elsewhere those tests
 * are skipped with the same sentence, so {@code mvn test} on a laptop without services still gives
 * a green unit run.
 */
public final class TestEnvironment {

  /** The variable that makes every service required. */
  public static final String REQUIRE_ALL = "JOYSYNC_REQUIRE_ALL";

  private TestEnvironment() {}

  /** True when a missing service is a failure rather than a skip. */
  public static boolean requireAll() {
    return isSet(System.getenv(REQUIRE_ALL)) || isSet(System.getenv("CI"));
  }

  /**
   * Ends the calling test because {@code service} is missing: a failure when every service is
   * required, a skip otherwise.
   */
  public static void missing(Service service, String problem) {
    if (requireAll()) {
      throw new AssertionError(
          describe(service, problem)
              + " (every service is required here: "
              + requiredBecause()
              + ")");
    }
    Assumptions.abort(
        "skipped: " + describe(service, problem) + " (" + REQUIRE_ALL + "=1 makes this a failure)");
  }

  /** What is missing, why, and what to do about it. */
  static String describe(Service service, String problem) {
    return service.title() + " is not available: " + problem + ". " + service.fix();
  }

  /** Where Cassandra listens: 127.0.0.1 on {@code CASSANDRA_PORT} (9042). */
  public static int cassandraPort() {
    return port("CASSANDRA_PORT", 9042);
  }

  /** {@code host:port} of Cassandra, as a node's contact point. */
  public static String cassandraContactPoint() {
    return "127.0.0.1:" + cassandraPort();
  }

  /** Where Elasticsearch listens: 127.0.0.1 on {@code ES_PORT} (9200). */
  public static String elasticsearchUrl() {
    return "http://127.0.0.1:" + port("ES_PORT", 9200);
  }

  private static String requiredBecause() {
    return isSet(System.getenv(REQUIRE_ALL))
        ? REQUIRE_ALL + "=" + System.getenv(REQUIRE_ALL)
        : "CI";
  }

  private static int port(String variable, int otherwise) {
    String port = System.getenv(variable);
    return port == null || port.isBlank() ? otherwise : Integer.parseInt(port.trim());
  }

  private static boolean isSet(String value) {
    return value != null
        && !value.isBlank()
        && !value.equals("0")
        && !value.equalsIgnoreCase("false");
  }
}
