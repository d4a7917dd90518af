package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creator e-mails through a real SMTP server (GreenMail, in the test's JVM): a creator who signs
 * up, is verified, sees the first video on Joystream, the channel's first sync complete, and is
 * suspended gets one e-mail for each, also when the node restarts in the middle and its projections
 * see events again.
 */
@Needs(Service.CASSANDRA)
class CreatorMailIntegrationTest {

  @TempDir static Path downloads;
  static GreenMail smtp;
  static NodeWithDevnets net;

  @BeforeAll
  static void start() throws Exception {
    int port = TestCassandra.freePort();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    net =
        NodeWithDevnets.syncing(
            "mail",
            downloads,
            Map.of(
                "joysync.mail.host", "127.0.0.1",
                "joysync.mail.port", port,
                "joysync.mail.security", "none",
                "joysync.mail.from", "ypp@joysync.test",
                "joysync.mail.app-url", "http://atlas.test"));
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.inOrder(net, smtp == null ? null : smtp::stop);
  }

  @Test
  void eachCreatorEmailArrivesOnceAlsoAcrossARestart() throws Exception {
    // Bob's young channel meets no requirement: an operator whitelists it, as for youtube-synch.
    net.whitelist("@bobstarts");
    String userId = net.signUp(DevnetSeed.BOB, 2);
    awaitSubjectEndingWith("joined the YouTube Partner Program on Joystream");

    ApiClient.Reply verified =
        net.api.send(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":2,\"tier\":\"Gold\"}]",
            TestNodes.OPERATOR_KEY);
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    awaitSubjectEndingWith("is verified: Gold");

    List<JsonNode> videos = UserVideos.awaitAllEnded(net.api, userId, 1, Duration.ofMinutes(3));
    assertThat(videos.get(0).get("state").asText()).isEqualTo("UploadSucceeded");
    MimeMessage first = awaitSubjectEndingWith("is on Joystream");
    assertThat(GreenMailUtil.getBody(first)).contains("http://atlas.test/video/");
    // Bob's channel has one video: with it on Joystream, nothing is left of its first sync.
    MimeMessage synced = awaitSubjectEndingWith("is synced to Joystream");
    assertThat(GreenMailUtil.getBody(synced))
        .contains("1 of its videos are now")
        .contains("http://atlas.test/channel/2");

    net.stopNode();
    net.startNode();
    ApiClient.Reply suspended =
        net.api.send(
            "PUT",
            "/channels/suspend",
            "[{\"joystreamChannelId\":2,\"reason\":\"CopyrightBreach\"}]",
            TestNodes.OPERATOR_KEY);
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
    awaitSubjectEndingWith("is suspended from the YouTube Partner Program");

    await("no e-mail is sent twice after the restart")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(() -> smtp.getReceivedMessages().length == 5);
    List<String> subjects = subjects();
    assertThat(subjects).doesNotHaveDuplicates();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      // The address the creator gave Atlas at sign-up.
      assertThat(m.getRecipients(Message.RecipientType.TO)[0].toString())
          .isEqualTo("creator@example.com");
      assertThat(m.getFrom()[0].toString()).isEqualTo("ypp@joysync.test");
    }
  }

  private static MimeMessage awaitSubjectEndingWith(String ending) {
    await("an e-mail whose subject ends with '" + ending + "'")
        .atMost(Duration.ofSeconds(60))
        .until(() -> subjects().stream().anyMatch(s -> s.endsWith(ending)));
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (m.getSubject().endsWith(ending)) {
          return m;
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no e-mail ends with " + ending);
  }

  private static List<String> subjects() throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      subjects.add(m.getSubject());
    }
    return subjects;
  }
}
