package io.joysync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The line a log call becomes: the key-value pairs of SLF4J's fluent API are fields of their own
 * (what the index template maps and Kibana filters on), beside the ECS ones, and a secret in one of
 * them is redacted like one in the message.
 */
class RedactingEcsEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("io.joysync.test.encoder");
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final RedactingEcsEncoder encoder = new RedactingEcsEncoder();

  RedactingEcsEncoderTest() {
    events.setContext(context);
    events.start();
    logger.addAppender(events);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    encoder.setContext(context);
    encoder.setServiceName("joysync");
    encoder.start();
  }

  private JsonNode line() throws Exception {
    ILoggingEvent event = events.list.get(events.list.size() - 1);
    return JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  @Test
  void keyValuePairsBecomeFieldsOfTheLine() throws Exception {
    logger
        .atInfo()
        .addKeyValue("videoId", "dQw4w9WgXcQ")
        .addKeyValue("channelId", "UC0123456789abcdefghijkl")
        .addKeyValue("joystreamVideoId", 42L)
        .addKeyValue("stage", "create")
        .addKeyValue("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .log("Video {} created on Joystream as video {}", "dQw4w9WgXcQ", 42);

    JsonNode line = line();
    assertThat(line.get("message").asText())
        .isEqualTo("Video dQw4w9WgXcQ created on Joystream as video 42");
    assertThat(line.get("log.level").asText()).isEqualTo("INFO");
    assertThat(line.get("videoId").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(line.get("channelId").asText()).isEqualTo("UC0123456789abcdefghijkl");
    assertThat(line.get("joystreamVideoId").asText()).isEqualTo("42");
    assertThat(line.get("stage").asText()).isEqualTo("create");
    assertThat(line.get("trace.id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void aLineWithoutPairsHasOnlyItsOwnFieldsAndANullValueIsLeftOut() throws Exception {
    logger.atInfo().addKeyValue("account", (Object) null).log("plain line");

    JsonNode line = line();
    assertThat(line.get("message").asText()).isEqualTo("plain line");
    assertThat(line.has("account")).isFalse();
    assertThat(line.has("videoId")).isFalse();
  }

  @Test
  void aSecretInAPairIsRedacted() throws Exception {
    logger
        .atWarn()
        .addKeyValue("detail", "refresh_token=1abc.def")
        .addKeyValue("videoId", "dQw4w9WgXcQ")
        .log("refresh failed");

    JsonNode line = line();
    assertThat(line.get("detail").asText()).isEqualTo("refresh_token=<redacted>");
    assertThat(line.get("videoId").asText()).isEqualTo("dQw4w9WgXcQ");
  }
}
