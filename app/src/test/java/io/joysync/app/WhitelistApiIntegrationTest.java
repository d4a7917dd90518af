package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whitelist and status endpoints on a real node with real Cassandra, driven over HTTP as an
 * operator's tooling would, including every refusal; then a restart that must keep the entries.
 */
@Needs(Service.CASSANDRA)
class WhitelistApiIntegrationTest {

  private static final String KEYSPACES = TestCassandra.freshKeyspacePrefix("whitelist");
  private static TestNodes.Started node;
  private static ApiClient api;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNodes.start(KEYSPACES);
    api = node.api();
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  private static String freshHandle() {
    return "@Creator" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String body(String... handles) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < handles.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"channelHandle\":\"").append(handles[i]).append("\"}");
    }
    return b.append("]").toString();
  }

  private static ApiClient.Reply add(String body) {
    return api.send("POST", "/channels/whitelist", body, OPERATOR_KEY);
  }

  private static ApiClient.Reply lookup(String handle) {
    return api.send("GET", "/channels/whitelist/" + handle, null, OPERATOR_KEY);
  }

  @Test
  void statusReportsVersionSyncSwitchAndAnEmptyBacklog() {
    ApiClient.Reply r = api.send("GET", "/status", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("version").asText()).isNotBlank();
    assertThat(r.json().get("syncStatus").asText()).isEqualTo("enabled");
    assertThat(r.json().get("syncBacklog").isIntegralNumber()).isTrue();
    assertThat(r.json().get("syncBacklog").asLong()).isZero();
  }

  @Test
  void quotaUsageIsReportedPerPacificDayAlsoUnderTheDeprecatedPaths() {
    String today =
        java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
            .format(
                java.time.format.DateTimeFormatter.ofPattern(
                    "EEEE, MMMM d, yyyy", java.util.Locale.US));

    ApiClient.Reply r = api.send("GET", "/status/quota-usage/today", null, null);
    ApiClient.Reply alias = api.send("GET", "/youtube/quota-usage/today", null, null);
    ApiClient.Reply history = api.send("GET", "/status/quota-usage", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("partition").asText()).isEqualTo("stats");
    assertThat(r.json().get("date").asText()).isEqualTo(today);
    assertThat(r.json().get("syncQuotaUsed").asLong()).isZero();
    assertThat(r.json().get("signupQuotaUsed").asLong()).isZero();
    assertThat(alias.json()).isEqualTo(r.json());
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().isArray()).isTrue();
    assertThat(api.send("GET", "/youtube/quota-usage", null, null).status()).isEqualTo(200);
  }

  @Test
  void inductionRequirementsShowTheConfiguredValues() {
    JsonNode r = api.send("GET", "/channels/induction/requirements", null, null).json();

    assertThat(r.get("requirements")).hasSize(3);
    assertThat(r.get("requirements").get(0).get("errorCode").asText())
        .isEqualTo("CHANNEL_CRITERIA_UNMET_SUBSCRIBERS");
    assertThat(r.get("requirements").get(0).get("variables").get(0).asText())
        .isEqualTo("50 subscribers");
    assertThat(r.get("requirements").get(1).get("variables").get(0).asText()).isEqualTo("2 videos");
    assertThat(r.get("requirements").get(2).get("template").asText())
        .isEqualTo("YouTube channel needs to be older than {}.");
    assertThat(r.get("requirements").get(2).get("variables").get(0).asText()).isEqualTo("1 month");
  }

  @Test
  void theApiIsDescribedAtApiSpecJsonAndBrowsableAtDocs() {
    ApiClient.Reply spec = api.send("GET", "/api-spec.json", null, null);
    ApiClient.Reply docs = api.send("GET", "/docs", null, null);
    ApiClient.Reply ui = api.send("GET", "/docs/swagger-ui/swagger-ui-bundle.js", null, null);

    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.json().get("openapi").asText()).startsWith("3.");
    assertThat(spec.json().get("info").get("version").asText())
        .isEqualTo(api.send("GET", "/status", null, null).json().get("version").asText());
    assertThat(spec.json().get("paths").has("/channels/{joystreamChannelId}/ingest")).isTrue();
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api-spec.json");
    assertThat(ui.status()).isEqualTo(200);
  }

  @Test
  void managementReportsThisMemberUpReadyAndAlive() {
    ApiClient.Reply members =
        node.management().send("GET", "/cluster/members", null, TestNodes.OPERATOR_KEY);

    assertThat(members.status()).isEqualTo(200);
    assertThat(members.json().get("members")).hasSize(1);
    assertThat(members.json().get("members").get(0).get("status").asText()).isEqualTo("Up");
    assertThat(node.management().send("GET", "/ready", null, null).status()).isEqualTo(200);
    assertThat(node.management().send("GET", "/alive", null, null).status()).isEqualTo(200);
  }

  @Test
  void addedHandlesAreStoredLowerCasedAndDuplicatesKeepTheirDate() {
    String handle = freshHandle();

    assertThat(add(body(handle)).status()).isEqualTo(201);
    JsonNode first = lookup(handle).json();
    assertThat(first.get("channelHandle").asText()).isEqualTo(handle.toLowerCase());

    assertThat(add(body(handle.toUpperCase())).status()).isEqualTo(201);
    JsonNode again = lookup(handle.toLowerCase()).json();
    assertThat(again.get("createdAt")).isEqualTo(first.get("createdAt"));
  }

  @Test
  void oneBadHandleRejectsTheWholeRequestAndStoresNothing() {
    String good = freshHandle();

    ApiClient.Reply r = add(body(good, "no-at-sign"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("statusCode").asInt()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("Bad Request");
    assertThat(r.json().get("message").asText())
        .isEqualTo("1.channelHandle: The channel handle should start with a \"@\"");
    assertThat(lookup(good).status()).isEqualTo(404);
  }

  @Test
  void malformedBodiesAreRefusedWithASentence() {
    assertThat(add("[{\"channelHandle\":").json().get("message").asText())
        .startsWith("The request body is not valid JSON");
    // youtube-synch answered an empty list as done, adding nothing.
    assertThat(add("[]").status()).isEqualTo(201);
    assertThat(add("{\"channelHandle\":\"@x\"}").status()).isEqualTo(400);
    assertThat(add("[{\"channelHandle\":42}]").json().get("message").asText())
        .isEqualTo("0.channelHandle must be a string");
    assertThat(add("[{}]").json().get("message").asText()).isEqualTo("0.channelHandle is required");
    String overLong = "@" + "x".repeat(200);
    ApiClient.Reply tooLong = add(body(overLong));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(lookup(overLong.substring(0, 50)).status()).isEqualTo(404);
  }

  @Test
  void wrongOrMissingOperatorKeyIsRefusedAndStoresNothing() {
    String handle = freshHandle();

    ApiClient.Reply wrong = api.send("POST", "/channels/whitelist", body(handle), "not-the-key");
    ApiClient.Reply missing = api.send("POST", "/channels/whitelist", body(handle), null);
    ApiClient.Reply deleteWrong =
        api.send("DELETE", "/channels/whitelist/" + handle, null, "not-the-key");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("message").asText()).isEqualTo("Invalid YPP owner key");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(deleteWrong.status()).isEqualTo(401);
    assertThat(lookup(handle).status()).isEqualTo(404);
  }

  @Test
  void deletingAnUnknownHandleIs404() {
    String handle = freshHandle();

    ApiClient.Reply r = api.send("DELETE", "/channels/whitelist/" + handle, null, OPERATOR_KEY);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("message").asText())
        .isEqualTo("Channel with handle " + handle.toLowerCase() + " is not whitelisted");
  }

  @Test
  void deletingWithAnotherCaseRemovesTheEntry() {
    String handle = freshHandle();
    add(body(handle.toLowerCase()));

    ApiClient.Reply r =
        api.send("DELETE", "/channels/whitelist/" + handle.toUpperCase(), null, OPERATOR_KEY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(lookup(handle).status()).isEqualTo(404);
  }

  @Test
  void deleteWithABadHandleIs400() {
    ApiClient.Reply r = api.send("DELETE", "/channels/whitelist/nohandle", null, OPERATOR_KEY);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText())
        .isEqualTo("The channel handle should start with a \"@\"");
  }

  @Test
  void unknownPathsAndMethodsAnswerInTheSameShape() {
    ApiClient.Reply unknown = api.send("GET", "/no/such/thing", null, null);
    ApiClient.Reply method = api.send("PUT", "/status", "{}", null);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).isEqualTo("Cannot GET /no/such/thing");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().get("statusCode").asInt()).isEqualTo(405);
  }
}
