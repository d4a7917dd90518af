package io.joysync.devnet;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a tool outside the JVM (node, npm, the reference kit) is missing: on a
 * developer's machine it is skipped with the reason; on CI (the {@code CI} variable set, as CI
 * services do) or with {@code JOYSYNC_REQUIRE_ALL} set it fails with that reason, so nothing is
 * silently skipped where the whole suite must run.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** Whether every test must run: on CI or with JOYSYNC_REQUIRE_ALL. */
  public static boolean required() {
    return isSet(System.getenv("CI")) || isSet(System.getenv("JOYSYNC_REQUIRE_ALL"));
  }

  private static boolean isSet(String value) {
    return value != null
        && !value.isBlank()
        && !value.equalsIgnoreCase("false")
        && !value.equals("0");
  }

  /** Skips the running test, or fails it when every test must run. Never returns. */
  public static void unavailable(String reason) {
    if (required()) {
      Assertions.fail(reason + " (required: CI or JOYSYNC_REQUIRE_ALL is set)");
    }
    Assumptions.abort("SKIPPED: " + reason);
  }
}
