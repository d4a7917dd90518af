package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTest {

  @Test
  void secretFieldsAreRedactedAtAnyDepth() {
    String logged =
        RequestLog.redact(
            "{\"authorizationCode\":\"4/0AX-secret\",\"userId\":\"u1\","
                + "\"nested\":[{\"refreshToken\":\"1//secret\",\"title\":\"ok\"}],"
                + "\"apiKey\":\"k\"}");

    assertThat(logged).doesNotContain("secret").doesNotContain("\"k\"");
    assertThat(logged).contains("\"userId\":\"u1\"").contains("\"title\":\"ok\"");
    assertThat(logged).contains("\"authorizationCode\":\"<redacted>\"");
  }

  @Test
  void secretFieldsAreRedactedWhateverTheShapeOfTheirValue() {
    String logged =
        RequestLog.redact(
            "{\"authorizationCode\":[\"4/0AX-secret\"],\"tokens\":{\"access\":\"ya29.secret\"},"
                + "\"signature\":\"0xsecret\",\"message\":{\"optout\":true}}");

    assertThat(logged).doesNotContain("secret");
    assertThat(logged).contains("\"signature\":\"<redacted>\"").contains("\"optout\":true");
  }

  @Test
  void secretQueryParametersAreRedacted() {
    assertThat(RequestLog.redactQuery("from=2026-01-01&key=abc&access_token=ya29.x&flag"))
        .isEqualTo("from=2026-01-01&key=<redacted>&access_token=<redacted>&flag");
    assertThat(RequestLog.redactQuery("")).isEmpty();
  }

  @Test
  void bodiesThatAreNotJsonAreOnlyMeasured() {
    assertThat(RequestLog.redact("code=4/0AX-secret")).isEqualTo("<17 characters, not JSON>");
    assertThat(RequestLog.redact("")).isEmpty();
  }
}
