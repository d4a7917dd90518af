package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** youtube-synch's processorState subscription over graphql-transport-ws. */
class GraphQlWebSocketTest {
  static RunningDevnet devnet;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @Test
  void processorStateIsPushedAsTheIndexerAdvances() throws Exception {
    LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("graphql-transport-ws")
            .buildAsync(
                URI.create(devnet.orionUrl().replace("http://", "ws://")),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    try {
                      inbox.add(JSON.readTree(data.toString()));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    try {
      ws.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true).join();
      assertThat(inbox.poll(5, TimeUnit.SECONDS).path("type").asText()).isEqualTo("connection_ack");
      ws.sendText(
              "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                  + "\"subscription { processorState { lastProcessedBlock } }\"}}",
              true)
          .join();
      JsonNode first = inbox.poll(5, TimeUnit.SECONDS);
      assertThat(first.path("type").asText()).isEqualTo("next");
      long h1 =
          first
              .path("payload")
              .path("data")
              .path("processorState")
              .path("lastProcessedBlock")
              .asLong();
      JsonNode second = inbox.poll(5, TimeUnit.SECONDS);
      long h2 =
          second
              .path("payload")
              .path("data")
              .path("processorState")
              .path("lastProcessedBlock")
              .asLong();
      assertThat(h2).isGreaterThan(h1);
      ws.sendText("{\"id\":\"1\",\"type\":\"complete\"}", true).join();
    } finally {
      ws.abort();
    }
  }
}
