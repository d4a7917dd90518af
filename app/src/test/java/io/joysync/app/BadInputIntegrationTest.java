package io.joysync.app;

import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every endpoint that takes input: malformed JSON, wrong types, missing fields,
 * unknown enum values, negative and huge ids, over-long strings, bad signatures and dates. Each
 * gets the documented 4xx in the error shape, with a sentence and no stack trace; never a 5xx.
 */
@Needs(Service.CASSANDRA)
class BadInputIntegrationTest {

  private static TestNodes.Started node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.start(TestCassandra.freshKeyspacePrefix("badinput"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
  }

  static Stream<Arguments> badRequests() {
    String sig = "\"0x" + "00".repeat(64) + "\"";
    String longText = "x".repeat(5000);
    return Stream.of(
        bad("POST", "/users", "{", null, 400),
        bad("POST", "/users", "[]", null, 400),
        bad("POST", "/users", "{\"authorizationCode\":5,\"youtubeRedirectUri\":true}", null, 400),
        bad("POST", "/users", "{\"authorizationCode\":\"" + longText + "\"}", null, 400),
        bad("POST", "/channels", "not json", null, 400),
        bad("POST", "/channels", "{\"joystreamChannelId\":-1}", null, 400),
        bad(
            "POST",
            "/channels",
            "{\"authorizationCode\":\"c\",\"userId\":\"u\",\"email\":\"a@b.co\","
                + "\"joystreamChannelId\":1e30,\"shouldBeIngested\":true}",
            null,
            400),
        bad("POST", "/channels/whitelist", "{}", OPERATOR_KEY, 400),
        bad("POST", "/channels/whitelist", "[{\"channelHandle\":null}]", OPERATOR_KEY, 400),
        bad("POST", "/channels/whitelist", "[{\"channelHandle\":\"@a\"}]", null, 401),
        bad("DELETE", "/channels/whitelist/nohandle", null, OPERATOR_KEY, 400),
        bad("PUT", "/channels/verify", "[{\"joystreamChannelId\":1,\"tier\":\"Gold\"}]", null, 401),
        bad(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":1,\"tier\":\"Mythril\"}]",
            OPERATOR_KEY,
            400),
        bad(
            "PUT",
            "/channels/suspend",
            "[{\"joystreamChannelId\":\"1\",\"reason\":5}]",
            OPERATOR_KEY,
            400),
        bad(
            "PUT",
            "/channels/operatorIngestion",
            "[{\"joystreamChannelId\":1," + "\"allowOperatorIngestion\":\"yes\"}]",
            OPERATOR_KEY,
            400),
        bad(
            "PUT",
            "/channels/category",
            "[{\"joystreamChannelId\":1,\"videoCategoryId\":\"" + longText + "\"}]",
            OPERATOR_KEY,
            400),
        bad(
            "PUT",
            "/channels/verify",
            "[{\"joystreamChannelId\":123456789,\"tier\":\"Gold\"}]",
            OPERATOR_KEY,
            404),
        bad("PUT", "/channels/1/ingest", "{}", null, 400),
        bad("PUT", "/channels/1/ingest", "{\"signature\":\"0xzz\",\"message\":{}}", null, 400),
        bad(
            "PUT",
            "/channels/1/optout",
            "{\"signature\":"
                + sig
                + ",\"message\":{\"optout\":\"yes\",\"timestamp\":\"2024-01-01T00:00:00Z\"}}",
            null,
            400),
        bad(
            "PUT",
            "/channels/1/category",
            "{\"signature\":"
                + sig
                + ",\"message\":{\"videoCategoryId\":\"c\",\"timestamp\":\"yesterday\"}}",
            null,
            400),
        bad(
            "PUT",
            "/channels/424242/optout",
            "{\"signature\":"
                + sig
                + ",\"message\":{\"optout\":true,\"timestamp\":\"2024-01-01T00:00:00Z\"}}",
            null,
            404),
        bad("PUT", "/channels/abc/ingest", "{}", null, 400),
        bad("GET", "/channels/-5", null, null, 400),
        bad("GET", "/channels/99999999999999999999", null, null, 400),
        bad("GET", "/channels/-5/referrals", null, null, 400),
        bad("GET", "/channels/99999999999999999999/referrals", null, null, 400),
        bad("GET", "/channels/whitelist/nohandle", null, OPERATOR_KEY, 400),
        bad("GET", "/channels/whitelist/@somebody", null, null, 401),
        bad("GET", "/no/such/endpoint", null, null, 404),
        bad("POST", "/membership", "{", null, 400),
        bad("POST", "/membership", "{\"userId\":\"u\"}", null, 400),
        bad(
            "POST",
            "/membership",
            "{\"userId\":\"u\",\"authorizationCode\":\"c\",\"account\":\"not-ss58\","
                + "\"handle\":\"h\",\"about\":\"\",\"name\":\"n\"}",
            null,
            400),
        bad(
            "POST",
            "/membership",
            "{\"userId\":\"u\",\"authorizationCode\":\"c\","
                + "\"account\":\"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw\","
                + "\"handle\":\""
                + longText
                + "\",\"about\":\"\",\"name\":\"n\"}",
            null,
            400),
        bad(
            "POST",
            "/membership",
            "{\"userId\":\"nobody\",\"authorizationCode\":\"c\","
                + "\"account\":\"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw\","
                + "\"handle\":\"h\",\"avatar\":\"https://example.com/a.png\","
                + "\"captchaToken\":\"t\"}",
            null,
            400),
        bad(
            "POST",
            "/membership",
            "{\"userId\":\"u\",\"authorizationCode\":\"c\","
                + "\"account\":\"5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw\","
                + "\"handle\":\"h\",\"about\":7,\"name\":[]}",
            null,
            400),
        bad("GET", "/users/bad%20id/videos", null, null, 400),
        bad("GET", "/users/" + "u".repeat(200) + "/videos", null, null, 400),
        bad("GET", "/users/nobody-at-all/videos", null, null, 404),
        bad("POST", "/channels/unauthorized", "{", OPERATOR_KEY, 400),
        bad("POST", "/channels/unauthorized", "{\"joystreamChannelId\":1}", null, 401),
        bad(
            "POST",
            "/channels/unauthorized",
            "{\"ytChannelId\":\"UCx\",\"channelUrl\":\"youtube.com/@x\","
                + "\"joystreamChannelId\":1}",
            OPERATOR_KEY,
            400),
        bad(
            "POST",
            "/channels/unauthorized",
            "{\"ytChannelId\":\"UCx\",\"joystreamChannelId\":-3,\"videosLimit\":100000}",
            OPERATOR_KEY,
            400),
        bad("GET", "/channels/stats?from=2026-01-01&to=2026-02-01", null, null, 401),
        bad("GET", "/channels/stats?from=yesterday&to=2026-02-01", null, OPERATOR_KEY, 400),
        bad("GET", "/channels/stats?from=2020-01-01&to=2026-02-01", null, OPERATOR_KEY, 400));
  }

  private static Arguments bad(String method, String path, String body, String key, int status) {
    return Arguments.of(method, path, body, key, status);
  }

  @ParameterizedTest(name = "{0} {1} -> {4}")
  @MethodSource("badRequests")
  void isRefusedWithADocumentedStatusAndASentence(
      String method, String path, String body, String key, int status) {
    ApiClient.Reply r = node.api().send(method, path, body, key);

    assertThat(r.status()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    JsonNode json = r.json();
    assertThat(json.get("statusCode").asInt()).isEqualTo(status);
    assertThat(json.get("error").asText()).isNotBlank();
    assertThat(json.get("message").toString()).hasSizeGreaterThan(5);
  }
}
