package io.joysync.devnet.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.joysync.devnet.DevnetComponent;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MailDevnetTest {

  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void anEMailSentToTheMailboxIsListedOnItsPage() throws Exception {
    int smtpPort = freePort();
    int pagePort = freePort();
    try (DevnetComponent mailbox =
        MailDevnet.component(smtpPort, pagePort).start(testKit.system(), null, null)) {
      assertThat(mailbox.endpoints())
          .containsEntry("smtp (creator e-mails)", "smtp://127.0.0.1:" + smtpPort);

      GreenMailUtil.sendTextEmail(
          "creator@example.com",
          "ypp@joysync.devnet",
          "Alice Bakes is verified: Gold",
          "Hello",
          new ServerSetup(smtpPort, "127.0.0.1", "smtp"));

      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                HttpResponse<String> page =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + pagePort + "/messages"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body())
                    .contains("\"to\":\"creator@example.com\"")
                    .contains("\"subject\":\"Alice Bakes is verified: Gold\"");
              });
    }
  }
}
