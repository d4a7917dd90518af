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
  void bodiesThatAreNotJsonAreOnlyMeasured() {
    assertThat(RequestLog.redact("code=4/0AX-secret")).isEqualTo("<17 characters, not JSON>");
    assertThat(RequestLog.redact("")).isEmpty();
  }
}
