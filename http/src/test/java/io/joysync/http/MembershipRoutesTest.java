package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.user.MembershipPurchase;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /membership on a node without a faucet endpoint: a clear 503, never a crash; bad bodies are
 * still refused first with 400.
 */
class MembershipRoutesTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ActorSystem<Void> system;
  private static ServerBinding binding;

  @BeforeAll
  static void start() throws Exception {
    Config settings =
        ConfigFactory.parseResources("joysync/http.conf")
            .withFallback(ConfigFactory.parseResources("joysync/settings.conf"))
            .resolve();
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "membership-routes",
            ConfigFactory.parseString(
                    "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                        + "pekko.remote.artery.canonical.port = 0\n"
                        + "pekko.loglevel = WARNING")
                .withFallback(settings)
                .withFallback(ConfigFactory.defaultReference()));
    HttpSettings http = HttpSettings.from(settings);
    MembershipRoutes routes =
        new MembershipRoutes(
            new MembershipPurchase(
                system,
                Optional.empty(),
                OrionClient.create(URI.create("http://127.0.0.1:1/graphql")),
                http.askTimeout(),
                http.maxMembershipsPerUser(),
                Clock.systemUTC()));
    binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(handleExceptions(ErrorHandling.EXCEPTIONS, routes::route))
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/membership"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutAFaucetEndpointAValidRequestGets503() throws Exception {
    HttpResponse<String> r =
        post(
            "{\"userId\":\"u\",\"authorizationCode\":\"c\","
                + "\"account\":\"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw\","
                + "\"handle\":\"creator\",\"about\":\"\",\"name\":\"Creator\"}");
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("code").asText()).isEqualTo("FAUCET_NOT_CONFIGURED");
    assertThat(body.get("message").asText()).contains("joysync.joystream.faucet.endpoint");
  }

  @Test
  void atlasBodyWithoutAboutAndNameIsAcceptedAsFarAsTheFaucet() throws Exception {
    HttpResponse<String> r =
        post(
            "{\"account\":\"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw\","
                + "\"handle\":\"creator\",\"avatar\":\"https://example.com/a.png\","
                + "\"captchaToken\":\"token\",\"userId\":\"u\",\"authorizationCode\":\"c\"}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(r.body()).get("code").asText())
        .isEqualTo("FAUCET_NOT_CONFIGURED");
  }

  @Test
  void aBadBodyIsRefusedBeforeTheFaucetIsNeeded() throws Exception {
    HttpResponse<String> r = post("{\"userId\":\"u\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("INVALID_BODY");
  }
}
