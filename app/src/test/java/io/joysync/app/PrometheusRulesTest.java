package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Prometheus;
import io.joysync.harness.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules shipped for teams that alert from Prometheus: a real Prometheus's checker
 * loads them, and its rule unit tests (prometheus/joysync-alerts.test.yml) show each alert firing
 * on the series of its trouble and quiet on a healthy node.
 */
@Needs(Service.PROMETHEUS)
class PrometheusRulesTest {

  private static final Path RULES = Path.of("..", "prometheus", "joysync-alerts.yml");

  @Test
  void promtoolAcceptsTheRulesFile() throws Exception {
    Prometheus.Check check = Prometheus.checkRules(RULES);

    assertThat(check.valid()).as(check.output()).isTrue();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  void eachAlertFiresOnTheSeriesOfItsTroubleAndStaysQuietOnAHealthyNode() throws Exception {
    // The stalled pipeline, failing and idle signer accounts, a nearly full disk budget, the
    // day's quota spent, an unreachable member and a node gone, each with a healthy counterpart.
    Prometheus.Check tests = Prometheus.testRules(RULES.resolveSibling("joysync-alerts.test.yml"));

    assertThat(tests.valid()).as(tests.output()).isTrue();
    assertThat(tests.output()).contains("SUCCESS");
  }

  @Test
  void aBrokenRuleIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yml");
    Files.writeString(
        broken,
        "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum(joysync_pipeline_backlog\n");

    Prometheus.Check check = Prometheus.checkRules(broken);

    assertThat(check.valid()).isFalse();
    assertThat(check.output()).contains("parse error");
  }
}
