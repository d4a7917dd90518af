package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code joysync channels ...} run in-process through {@link Main}'s command line against a real
 * node (Cassandra, the YouTube devnet and the Joystream devnet): exit codes and what the operator
 * reads.
 */
@Needs(Service.CASSANDRA)
class ChannelsCliTest {

  private static NodeWithDevnets services;
  private static String apiUrl;
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    services = UnauthorizedChannelsIntegrationTest.startServices("cli");
    apiUrl = services.api.baseUrl();
  }

  @AfterAll
  static void stop() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  private Run run(String... args) throws Exception {
    Path keyFile = dir.resolve("operator.key");
    Files.writeString(keyFile, TestNodes.OPERATOR_KEY + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api-url";
    all[args.length + 1] = apiUrl;
    all[args.length + 2] = "--operator-key-file";
    all[args.length + 3] = keyFile.toString();
    int exit = cli.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aBulkFileIsAddedInOrderAndAFailedEntryDoesNotStopTheOthers() throws Exception {
    Path bulk = dir.resolve("bulk.json");
    Files.writeString(
        bulk,
        "[{\"channelUrl\":\"https://youtube.com/@unosyncs\",\"joystreamChannelId\":2},"
            + " {\"ytChannelId\":\"UC"
            + "z".repeat(22)
            + "\",\"joystreamChannelId\":3},"
            + " {\"ytChannelId\":\""
            + UnauthorizedChannelsIntegrationTest.DOS
            + "\",\"joystreamChannelId\":3,\"videosLimit\":1}]",
        StandardCharsets.UTF_8);

    Run run = run("channels", "add-unauthorized", "--file", bulk.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(30);
    assertThat(run.out())
        .contains("[1/3] added " + UnauthorizedChannelsIntegrationTest.UNO)
        .contains("Joystream channel 2: 5 videos tracked, 0 already tracked")
        .contains("[3/3] added " + UnauthorizedChannelsIntegrationTest.DOS)
        .contains("Joystream channel 3: 1 videos tracked");
    assertThat(run.err())
        .contains("[2/3] failed UC" + "z".repeat(22) + ": HTTP 404 YOUTUBE_CHANNEL_NOT_FOUND")
        .contains("1 of 3 channels failed")
        .doesNotContain(TestNodes.OPERATOR_KEY);
    ApiClient api = services.api;
    assertThat(
            api.await("/channels/2", r -> r.status() == 200, Duration.ofSeconds(60))
                .json()
                .get("youtubeChannelId")
                .asText())
        .isEqualTo(UnauthorizedChannelsIntegrationTest.UNO);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    // Both channels: the read side writes each channel's row on its own (one projection per tag).
    Run stats =
        awaitStats(
            today,
            List.of("https://play.example.org/channel/3", "https://play.example.org/channel/2"),
            "--app-domain",
            "play.example.org");
    assertThat(stats.exitCode()).isZero();
    assertThat(stats.out())
        .contains("Channels signed up from " + today + " to " + today.plusDays(1))
        .contains("Unverified")
        .contains(
            "https://www.youtube.com/channel/"
                + UnauthorizedChannelsIntegrationTest.UNO
                + "  https://play.example.org/channel/2  referrer -");
  }

  private Run awaitStats(LocalDate day, List<String> expected, String... extra) {
    String[] args = new String[6 + extra.length];
    args[0] = "channels";
    args[1] = "stats";
    args[2] = "--from";
    args[3] = day.toString();
    args[4] = "--to";
    args[5] = day.plusDays(1).toString();
    System.arraycopy(extra, 0, args, 6, extra.length);
    return Awaitility.await("stats listing " + expected)
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> run(args),
            r -> r.exitCode() == 0 && expected.stream().allMatch(e -> r.out().contains(e)));
  }

  @Test
  void aMissingFileIs41AndAMalformedOneIs42WithNothingSent() throws Exception {
    Path malformed = dir.resolve("malformed.json");
    Files.writeString(malformed, "[{\"channelUrl\": \"youtube.com/@tressyncs\"");
    Path wrongShape = dir.resolve("shape.json");
    Files.writeString(
        wrongShape,
        "[{\"channelUrl\":\"youtube.com/@tressyncs\",\"joystreamChannelId\":4},"
            + " {\"channelUrl\":\"youtube.com/@tressyncs\"}]");

    Run missing =
        run("channels", "add-unauthorized", "--file", dir.resolve("absent.json").toString());
    Run notJson = run("channels", "add-unauthorized", "--file", malformed.toString());
    Run badEntry = run("channels", "add-unauthorized", "--file", wrongShape.toString());

    assertThat(missing.exitCode()).isEqualTo(41);
    assertThat(missing.err()).contains("File not found");
    assertThat(notJson.exitCode()).isEqualTo(42);
    assertThat(notJson.err()).contains("is not valid JSON");
    assertThat(badEntry.exitCode()).isEqualTo(42);
    assertThat(badEntry.err()).contains("entry 2: joystreamChannelId must be a channel id");
    // The first entry of the file with a bad second one was not sent.
    assertThat(services.api.send("GET", "/channels/4", null, null).status()).isEqualTo(404);
  }

  @Test
  void invalidInputIs40AndApiRefusalsAre30() throws Exception {
    Run both =
        run(
            "channels",
            "add-unauthorized",
            "--yt-channel-id",
            UnauthorizedChannelsIntegrationTest.TRES,
            "--channel-url",
            "youtube.com/@tressyncs",
            "--joystream-channel-id",
            "5");
    Run noJoystream =
        run(
            "channels",
            "add-unauthorized",
            "--yt-channel-id",
            UnauthorizedChannelsIntegrationTest.TRES);
    Run badDates = run("channels", "stats", "--from", "2026-02-30", "--to", "2026-03-01");
    Run refused =
        run(
            "channels",
            "add-unauthorized",
            "--yt-channel-id",
            UnauthorizedChannelsIntegrationTest.TRES,
            "--joystream-channel-id",
            "8");

    assertThat(both.exitCode()).isEqualTo(40);
    assertThat(noJoystream.exitCode()).isEqualTo(40);
    assertThat(noJoystream.err()).contains("--joystream-channel-id is required");
    assertThat(badDates.exitCode()).isEqualTo(40);
    assertThat(refused.exitCode()).isEqualTo(30);
    assertThat(refused.err()).contains("HTTP 400 COLLABORATOR_MISSING");
  }
}
