package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joysync.devnet.kibana.DiscordLimits;
import io.joysync.devnet.kibana.KibanaStandIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code joysync kibana apply} run in-process through {@link Main}'s command line against the
 * devnet's Kibana stand-in, which holds every request to Kibana's published API: what is created,
 * that a second run duplicates nothing, and the coded errors an operator reads.
 */
class KibanaCliTest {

  private static final Path KIBANA_DIR = Path.of("..", "kibana");
  private static final String PASSWORD = "kibana-test-password-" + System.nanoTime();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private KibanaStandIn kibana;

  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void start() throws IOException {
    kibana = KibanaStandIn.start("elastic", PASSWORD);
  }

  @AfterEach
  void stop() {
    kibana.close();
  }

  private Run apply(Path kibanaDir, String... settings) throws IOException {
    Path envFile = dir.resolve("kibana.env");
    StringBuilder env = new StringBuilder();
    env.append("KIBANA_URL=").append(kibana.url()).append('\n');
    env.append("ELASTIC_USERNAME=elastic\n");
    env.append("ELASTIC_PASSWORD=").append(PASSWORD).append('\n');
    env.append("EMAIL_RECIPIENTS=[\"ops@example.org\",\"oncall@example.org\"]\n");
    env.append("DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/123/abcDEF\n");
    env.append("THRESHOLD=25\n");
    env.append("SMTP_HOST=smtp.example.org\nSMTP_PORT=587\nEMAIL_FROM=alerts@example.org\n");
    env.append("SMTP_USERNAME=alerts\nSMTP_PASSWORD=smtp-secret\n");
    for (String s : settings) {
      env.append(s).append('\n');
    }
    Files.writeString(envFile, env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "kibana", "apply", "--dir", kibanaDir.toString(), "--env-file", envFile.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theFirstRunCreatesEverythingAndASecondRunDuplicatesNothing() throws IOException {
    Run first = apply(KIBANA_DIR);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(kibana.refusals()).isEmpty();
    assertThat(kibana.counts()).isEqualTo(new KibanaStandIn.Counts(2, 7, 1, 6));
    assertThat(first.out())
        .contains("connector Discord-Webhook (.webhook, ")
        .contains("connector Elastic-Cloud-SMTP (.email, ")
        .contains(
            "rule joysync-errors (joysync: errors above the threshold, "
                + ruleId("joysync-errors")
                + "): created")
        .contains("data view joysync-logs (joysync-logs-*): created")
        .contains("saved objects of dashboard.ndjson: 6 imported");
    JsonNode errors = kibana.rule(ruleId("joysync-errors")).orElseThrow();
    assertThat(errors.path("params").path("threshold").get(0).asLong()).isEqualTo(25);
    assertThat(errors.path("actions")).hasSize(4);
    JsonNode email =
        kibana.connectors().stream()
            .filter(c -> c.path("connector_type_id").asText().equals(".email"))
            .findFirst()
            .orElseThrow();
    assertThat(email.path("config").path("port").asInt()).isEqualTo(587);
    assertThat(email.path("config").path("hasAuth").asBoolean()).isTrue();
    assertThat(kibana.savedObject("dashboard", "joysync-overview")).isPresent();

    Run second = apply(KIBANA_DIR, "ALERT_RULE_NAME=joysync errors (production)");

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(kibana.refusals()).isEmpty();
    assertThat(kibana.counts()).isEqualTo(new KibanaStandIn.Counts(2, 7, 1, 6));
    assertThat(second.out())
        .contains(
            "rule joysync-errors (joysync errors (production), "
                + ruleId("joysync-errors")
                + "): updated")
        .contains(": updated")
        .doesNotContain(": created");
    assertThat(kibana.rule(ruleId("joysync-errors")).orElseThrow().path("name").asText())
        .isEqualTo("joysync errors (production)");
    assertThat(first.out() + first.err() + second.out() + second.err())
        .doesNotContain(PASSWORD)
        .doesNotContain("smtp-secret");
  }

  @Test
  void badCredentialsAreAClearErrorAndChangeNothing() throws IOException {
    Run run = apply(KIBANA_DIR, "ELASTIC_PASSWORD=not-the-password");

    assertThat(run.exitCode()).isEqualTo(30);
    assertThat(run.err())
        .contains("KIBANA_UNAUTHORIZED")
        .contains("refused the credentials of user 'elastic'")
        .doesNotContain("not-the-password");
    assertThat(kibana.writes()).isZero();
    assertThat(kibana.counts()).isEqualTo(new KibanaStandIn.Counts(0, 0, 0, 0));
  }

  @Test
  void aMalformedRuleFileIsNamedAndNothingIsSent() throws IOException {
    Path copy = copyOfKibanaDir();
    Path broken = copy.resolve("rules").resolve("joysync-chain-lag.json");
    Files.writeString(broken, Files.readString(broken).replace("\"name\":", "\"name\"  "));

    Run run = apply(copy);

    assertThat(run.exitCode()).isEqualTo(42);
    assertThat(run.err()).contains("INVALID_FILE").contains(broken.toString()).contains("not JSON");
    assertThat(kibana.writes()).isZero();
  }

  @Test
  void aRuleFileWithoutAQueryIsNamed() throws IOException {
    Path copy = copyOfKibanaDir();
    Path broken = copy.resolve("rules").resolve("joysync-log-spool.json");
    JsonNode rule = JSON.readTree(broken.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) rule.path("params"))
        .put("esQuery", "{\"match_all\":{}}");
    Files.writeString(broken, rule.toString());

    Run run = apply(copy);

    assertThat(run.exitCode()).isEqualTo(42);
    assertThat(run.err())
        .contains(broken.toString())
        .contains("\"params.esQuery\" must be a string holding {\"query\": {...}}");
    assertThat(kibana.writes()).isZero();
  }

  @Test
  void theDiscordMessagesStayWithinDiscordsLimitsEvenWithTheLongestRuleName() throws IOException {
    String longest = "r".repeat(100);
    JsonNode discord =
        JSON.readTree(KIBANA_DIR.resolve("connectors/discord-webhook.json").toFile());

    for (String group : new String[] {"query matched", "recovered"}) {
      JsonNode message =
          DiscordLimits.worstCase(
              discord.path("actions").path(group).path("body").asText(), longest, 10000);
      assertThat(message.path("content").asText().length())
          .isBetween(longest.length(), DiscordLimits.MAX_CONTENT);
      assertThat(message.path("allowed_mentions").path("parse")).isEmpty();
    }
    Run run = apply(KIBANA_DIR, "ALERT_RULE_NAME=" + longest);
    assertThat(run.exitCode()).as(run.err()).isZero();

    Run tooLong = apply(KIBANA_DIR, "ALERT_RULE_NAME=" + longest + "r");
    assertThat(tooLong.exitCode()).isEqualTo(40);
    assertThat(tooLong.err()).contains("INVALID_SETTING ALERT_RULE_NAME is longer than 100");
  }

  @Test
  void aDiscordBodyListingTheHitsIsRefusedAsKibanaWouldSendMoreThanDiscordTakes()
      throws IOException {
    Path copy = copyOfKibanaDir();
    Path webhook = copy.resolve("connectors").resolve("discord-webhook.json");
    Files.writeString(
        webhook,
        Files.readString(webhook)
            .replace("{{rule.url}}", "{{#context.hits}}{{_source.message}}{{/context.hits}}"));

    Run run = apply(copy);

    assertThat(run.exitCode()).isEqualTo(30);
    assertThat(run.err())
        .contains("KIBANA_REFUSED POST api/alerting/rule/" + ruleId("joysync-chain-lag"))
        .contains("Discord refuses content longer than 2000 characters");
  }

  @Test
  void anUnreachableKibanaOrAMissingSettingIsAClearError() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Run unreachable = apply(KIBANA_DIR, "KIBANA_URL=http://127.0.0.1:" + closed);
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err())
        .contains("KIBANA_UNREACHABLE could not reach Kibana at http://127.0.0.1:" + closed);

    Run missing = apply(KIBANA_DIR, "DISCORD_WEBHOOK_URL=");
    assertThat(missing.exitCode()).isEqualTo(40);
    assertThat(missing.err()).contains("MISSING_SETTING DISCORD_WEBHOOK_URL is not set");
    assertThat(kibana.writes()).isZero();
  }

  @Test
  void aSettingsFileLineThatIsNotKeyValueIsNamedByItsNumberNeverByItsText() throws IOException {
    Run run = apply(KIBANA_DIR, "hunter2-pasted-without-a-name");

    assertThat(run.exitCode()).isEqualTo(42);
    assertThat(run.err()).contains("kibana.env: line 12 is not KEY=VALUE");
    assertThat(run.err()).doesNotContain("hunter2");
    assertThat(kibana.writes()).isZero();
  }

  @Test
  void aRuleWhoseIdIsNotAUuidIsNamed() throws IOException {
    Path copy = copyOfKibanaDir();
    Path broken = copy.resolve("rules").resolve("joysync-youtube-quota.json");
    Files.writeString(
        broken, Files.readString(broken).replace(ruleId("joysync-youtube-quota"), "youtube-quota"));

    Run run = apply(copy);

    assertThat(run.exitCode()).isEqualTo(42);
    assertThat(run.err()).contains(broken.toString()).contains("\"id\" must be a UUID v4");
    assertThat(kibana.writes()).isZero();
  }

  private static String ruleId(String rule) throws IOException {
    return JSON.readTree(KIBANA_DIR.resolve("rules").resolve(rule + ".json").toFile())
        .path("id")
        .asText();
  }

  private Path copyOfKibanaDir() throws IOException {
    Path copy = dir.resolve("kibana");
    try (Stream<Path> files = Files.walk(KIBANA_DIR)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(KIBANA_DIR.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return copy;
  }
}
