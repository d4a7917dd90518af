package io.joysync.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

  static Config config(Map<String, Object> mail) {
    return ConfigFactory.parseMap(Map.of("joysync.mail", mail))
        .withFallback(ConfigFactory.load("joysync.conf"))
        .resolve();
  }

  @Test
  void offUnlessAHostIsSet() {
    assertThat(MailSettings.from(config(Map.of())).enabled()).isFalse();
  }

  @Test
  void badSettingsAreRefusedNamingTheSettingAndNeverThePassword() {
    assertThatThrownBy(
            () ->
                MailSettings.from(
                    config(Map.of("host", "smtp.test", "from", "a@b.test", "security", "ssl3"))))
        .hasMessageContaining("joysync.mail.security")
        .hasMessageContaining("ssl3");
    assertThatThrownBy(
            () ->
                MailSettings.from(
                    config(Map.of("host", "smtp.test", "from", "a@b.test", "password", "s3cr3t"))))
        .hasMessageContaining("joysync.mail.username")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> MailSettings.from(config(Map.of("host", "smtp.test"))))
        .hasMessageContaining("joysync.mail.from");
    assertThatThrownBy(
            () ->
                MailSettings.from(
                    config(Map.of("host", "smtp.test", "from", "a@b.test", "port", 70000))))
        .hasMessageContaining("joysync.mail.port");
    MailSettings ok =
        MailSettings.from(
            config(
                Map.of(
                    "host", "smtp.test",
                    "from", "a@b.test",
                    "username", "joysync",
                    "password", "s3cr3t")));
    assertThat(ok.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void aServerThatIsNotThereIsAClearError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    MailSettings settings =
        MailSettings.from(
            config(
                Map.of(
                    "host", "127.0.0.1",
                    "port", port,
                    "security", "none",
                    "from", "ypp@joysync.test",
                    "timeout", "2s")));
    SmtpMailSender sender = new SmtpMailSender(settings, ForkJoinPool.commonPool());

    assertThatThrownBy(
            () ->
                sender
                    .send("creator@example.com", new RenderedMail("Hello", "Body"))
                    .toCompletableFuture()
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(MailException.class)
        .satisfies(e -> assertThat(((MailException) e).code()).isEqualTo("SMTP_UNAVAILABLE"))
        .hasMessageStartingWith("the SMTP server could not take the e-mail");
  }
}
