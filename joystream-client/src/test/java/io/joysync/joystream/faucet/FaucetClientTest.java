package io.joysync.joystream.faucet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The faucet client against a scripted faucet on 127.0.0.1. */
class FaucetClientTest {
  private static final String KEY = "bypass-key-for-tests";
  private static final MembershipRequest REQUEST =
      new MembershipRequest(
          "j4W7rVcUCxi2crhhjRq46fNDRbVHTjJrz6bKxZwehEMQxZeSf",
          "new-member",
          Optional.of("https://example.com/a.png"),
          Optional.of("about me"),
          Optional.of("New Member"));

  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private HttpServer server;

  private URI serve(int status, String reply, boolean hold) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/register",
        exchange -> {
          try (exchange) {
            bodies.add(json.readTree(exchange.getRequestBody()));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            if (hold) {
              release.await(10, TimeUnit.SECONDS);
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/register");
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  private static FaucetClient client(URI endpoint, Duration timeout) {
    return FaucetClient.create(new FaucetSettings(endpoint, KEY, timeout));
  }

  private static FaucetException failure(FaucetClient client) {
    try {
      client.register(REQUEST).get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(FaucetException.class);
      return (FaucetException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the registration neither succeeded nor failed in time", e);
    }
    throw new AssertionError("the registration succeeded");
  }

  @Test
  void postsTheRegistrationWithTheBearerKeyAndReadsTheMemberId() throws Exception {
    URI uri = serve(200, "{\"memberId\":42,\"block\":7,\"blockHash\":\"0x01\"}", false);
    MembershipCreated created =
        client(uri, Duration.ofSeconds(5)).register(REQUEST).get(10, TimeUnit.SECONDS);
    assertThat(created.memberId()).isEqualTo(42);
    assertThat(authorizations).containsExactly("Bearer " + KEY);
    JsonNode body = bodies.get(0);
    assertThat(body.get("account").asText()).isEqualTo(REQUEST.account());
    assertThat(body.get("handle").asText()).isEqualTo("new-member");
    assertThat(body.get("avatar").asText()).isEqualTo("https://example.com/a.png");
    assertThat(body.get("about").asText()).isEqualTo("about me");
    assertThat(body.get("name").asText()).isEqualTo("New Member");
  }

  @Test
  void leavesOutAbsentProfileFields() throws Exception {
    URI uri = serve(200, "{\"memberId\":3}", false);
    client(uri, Duration.ofSeconds(5))
        .register(
            new MembershipRequest(
                REQUEST.account(), "h", Optional.empty(), Optional.empty(), Optional.empty()))
        .get(10, TimeUnit.SECONDS);
    assertThat(bodies.get(0).has("avatar")).isFalse();
    assertThat(bodies.get(0).has("about")).isFalse();
    assertThat(bodies.get(0).has("name")).isFalse();
  }

  @Test
  void theFaucetsErrorCodeAndStatusComeBackTyped() throws Exception {
    URI uri = serve(400, "{\"error\":\"HandleAlreadyRegistered\"}", false);
    FaucetException e = failure(client(uri, Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("HandleAlreadyRegistered");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.nothingBought()).isTrue();
  }

  @Test
  void aBareWordRefusalIsItsCode() throws Exception {
    URI uri = serve(400, "FaucetExhausted", false);
    FaucetException e = failure(client(uri, Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("FaucetExhausted");
    assertThat(e.nothingBought()).isTrue();
  }

  @Test
  void aServerErrorLeavesTheOutcomeUnknown() throws Exception {
    URI uri = serve(500, "{\"error\":\"InternalServerError\"}", false);
    FaucetException e = failure(client(uri, Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("InternalServerError");
    assertThat(e.nothingBought()).isFalse();
  }

  @Test
  void anErrorWithoutJsonIsNamedByItsStatus() throws Exception {
    URI uri = serve(502, "<html>bad gateway</html>", false);
    FaucetException e = failure(client(uri, Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("HTTP_502");
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.nothingBought()).isFalse();
  }

  @Test
  void aSuccessWithoutMemberIdIsAnInvalidResponse() throws Exception {
    URI uri = serve(200, "{\"block\":1}", false);
    FaucetException e = failure(client(uri, Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
    assertThat(e.nothingBought()).isFalse();
  }

  @Test
  void anOversizedReplyIsNotBuffered() throws Exception {
    URI uri = serve(200, "{\"memberId\":1,\"pad\":\"" + "x".repeat(200_000) + "\"}", false);
    assertThat(failure(client(uri, Duration.ofSeconds(5))).code()).isEqualTo("INVALID_RESPONSE");
  }

  @Test
  void aFaucetThatIsDownIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FaucetException e =
        failure(
            client(URI.create("http://127.0.0.1:" + port + "/register"), Duration.ofSeconds(5)));
    assertThat(e.code()).isEqualTo("ECONNREFUSED");
    assertThat(e.httpStatus()).isZero();
    assertThat(e.nothingBought()).isTrue();
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void aFaucetThatDoesNotAnswerTimesOut() throws Exception {
    URI uri = serve(200, "{\"memberId\":1}", true);
    FaucetException e = failure(client(uri, Duration.ofMillis(500)));
    assertThat(e.code()).isEqualTo("TIMEOUT");
    assertThat(e.nothingBought()).isFalse();
  }

  @Test
  void theKeyNeverShowsInSettings() {
    FaucetSettings s =
        new FaucetSettings(URI.create("http://127.0.0.1:1/register"), KEY, Duration.ofSeconds(1));
    assertThat(s.toString()).doesNotContain(KEY).contains("<set>");
    assertThatThrownBy(
            () -> new FaucetSettings(URI.create("ftp://x/register"), KEY, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
