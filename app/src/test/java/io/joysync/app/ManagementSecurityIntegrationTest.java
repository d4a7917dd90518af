package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management port of a real node as an operator and an intruder meet it: every cluster-detail
 * and write route answers 401 with the API's JSON error without the operator key and with a wrong
 * one, and changes nothing; the health checks and {@code /metrics} stay open; with the key the
 * members list this node, the shards answer, and a down of an address no member has, a malformed
 * address or an unknown operation are clear errors that leave the node Up.
 */
@Needs(Service.CASSANDRA)
class ManagementSecurityIntegrationTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static TestNodes.Started node;
  private static String self;

  record Call(String method, String path, String form) {}

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(TestCassandra.freshKeyspacePrefix("mgmt"));
    self = node.node().system().address().toString();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  /** Every route of Pekko Management's cluster HTTP endpoints that reads details or writes. */
  private static List<Call> clusterRoutes() {
    String member = "/cluster/members/" + encoded(self);
    return List.of(
        new Call("GET", "/cluster/members", null),
        new Call("POST", "/cluster/members", "address=" + encoded(self)),
        new Call("GET", member, null),
        new Call("PUT", member, "operation=down"),
        new Call("PUT", member, "operation=leave"),
        new Call("DELETE", member, null),
        new Call("GET", "/cluster/shards", null),
        new Call("GET", "/cluster/shards/Channel", null),
        new Call("GET", "/cluster/domain-events", null),
        new Call("PUT", "/cluster", "operation=prepare-for-full-shutdown"));
  }

  @Test
  void everyClusterRouteAnswers401WithoutTheKeyOrWithAWrongOneAndNothingChanges() {
    List<String> problems = new ArrayList<>();
    for (Call call : clusterRoutes()) {
      for (String authorization :
          new String[] {null, "Bearer wrong-key", "Bearer " + TestNodes.OPERATOR_KEY + "x"}) {
        Reply reply = send(call, authorization);
        String what = call.method() + " " + call.path() + " with " + authorization;
        if (reply.status() != 401) {
          problems.add(what + ": " + reply.status() + " " + reply.body());
          continue;
        }
        JsonNode error = reply.json();
        if (!"INVALID_OPERATOR_KEY".equals(error.path("code").asText())
            || error.path("statusCode").asInt() != 401
            || !error.path("message").asText().contains("operator key")) {
          problems.add(what + ": " + reply.body());
        }
      }
    }
    assertThat(problems).isEmpty();
    // The refused downs and leaves changed nothing.
    JsonNode members = withKey(new Call("GET", "/cluster/members", null)).json();
    assertThat(members.path("members")).hasSize(1);
    assertThat(members.path("members").get(0).path("status").asText()).isEqualTo("Up");
  }

  @Test
  void healthChecksAndMetricsStayOpenAndReadOnly() {
    assertThat(send(new Call("GET", "/ready", null), null).status()).isEqualTo(200);
    assertThat(send(new Call("GET", "/alive", null), null).status()).isEqualTo(200);
    Reply metrics = send(new Call("GET", "/metrics", null), null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("joysync_cluster_members{status=\"up\"} 1.0");
    assertThat(send(new Call("POST", "/metrics", ""), null).status()).isEqualTo(405);
    assertThat(send(new Call("POST", "/ready", ""), null).status()).isEqualTo(405);
  }

  @Test
  void withTheKeyMembersListThisNodeAndShardsAnswer() {
    Reply members = withKey(new Call("GET", "/cluster/members", null));
    assertThat(members.status()).isEqualTo(200);
    assertThat(members.json().path("selfNode").asText()).isEqualTo(self);
    assertThat(members.json().path("members").get(0).path("node").asText()).isEqualTo(self);
    assertThat(members.json().path("members").get(0).path("status").asText()).isEqualTo("Up");

    Reply member = withKey(new Call("GET", "/cluster/members/" + encoded(self), null));
    assertThat(member.status()).isEqualTo(200);
    assertThat(member.json().path("status").asText()).isEqualTo("Up");
    assertThat(member.json().path("reachable").asBoolean()).isTrue();

    Reply types = withKey(new Call("GET", "/cluster/shards", null));
    assertThat(types.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    types.json().path("entityTypeKeys").forEach(n -> names.add(n.asText()));
    assertThat(names).contains("Channel", "Video", "User", "Whitelist", "JoystreamLink");
    Reply channels = withKey(new Call("GET", "/cluster/shards/Channel", null));
    assertThat(channels.status()).isEqualTo(200);
    assertThat(channels.json().path("regions").isArray()).isTrue();
  }

  @Test
  void badInputIsAClearErrorAndTheNodeStaysUp() {
    Reply unknown =
        withKey(
            new Call(
                "PUT",
                "/cluster/members/" + encoded("pekko://joysync@127.0.0.1:1"),
                "operation=down"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("code").asText()).isEqualTo("MEMBER_NOT_FOUND");
    assertThat(unknown.json().path("message").asText())
        .contains("No member of this cluster has the address pekko://joysync@127.0.0.1:1")
        .contains("nothing was changed");
    Reply unknownLeave =
        withKey(new Call("DELETE", "/cluster/members/" + encoded("127.0.0.1:1"), null));
    assertThat(unknownLeave.status()).isEqualTo(404);
    assertThat(unknownLeave.json().path("code").asText()).isEqualTo("MEMBER_NOT_FOUND");

    Reply malformed = withKey(new Call("PUT", "/cluster/members/not-an-address", "operation=down"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("code").asText()).isEqualTo("INVALID_MEMBER_ADDRESS");
    assertThat(malformed.json().path("message").asText())
        .contains("'not-an-address' is not a member address");
    for (String join : List.of("address=nowhere", "address=127.0.0.1%3A1", "")) {
      Reply badJoin = withKey(new Call("POST", "/cluster/members", join));
      assertThat(badJoin.status()).as(join).isEqualTo(400);
      assertThat(badJoin.json().path("code").asText()).isEqualTo("INVALID_MEMBER_ADDRESS");
    }

    Reply operation =
        withKey(new Call("PUT", "/cluster/members/" + encoded(self), "operation=explode"));
    assertThat(operation.status()).isEqualTo(400);
    assertThat(operation.json().path("code").asText()).isEqualTo("UNSUPPORTED_OPERATION");
    Reply entityType = withKey(new Call("GET", "/cluster/shards/NoSuchEntity", null));
    assertThat(entityType.status()).isEqualTo(404);
    assertThat(entityType.json().path("code").asText()).isEqualTo("ENTITY_TYPE_NOT_FOUND");

    JsonNode members = withKey(new Call("GET", "/cluster/members", null)).json();
    assertThat(members.path("members")).hasSize(1);
    assertThat(members.path("members").get(0).path("status").asText()).isEqualTo("Up");
    assertThat(send(new Call("GET", "/ready", null), null).status()).isEqualTo(200);
  }

  record Reply(int status, String body) {
    JsonNode json() {
      return new ApiClient.Reply(status, body).json();
    }
  }

  private static Reply withKey(Call call) {
    return send(call, "Bearer " + TestNodes.OPERATOR_KEY);
  }

  private static Reply send(Call call, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.management().baseUrl() + call.path()))
            .timeout(Duration.ofSeconds(30))
            .method(
                call.method(),
                call.form() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.form()));
    if (call.form() != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError(call + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
