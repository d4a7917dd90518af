package io.joysync.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namedSecretsLoseTheirValuesWhateverTheSeparator() {
    assertThat(SecretRedaction.redact("refresh failed: refresh_token=1abc.def&client=joysync"))
        .isEqualTo("refresh failed: refresh_token=<redacted>&client=joysync");
    assertThat(SecretRedaction.redact("operator-key: s3cr3t given"))
        .isEqualTo("operator-key: <redacted> given");
    assertThat(SecretRedaction.redact("password=hunter2")).isEqualTo("password=<redacted>");
    assertThat(SecretRedaction.redact("signature=0x1234abcd")).isEqualTo("signature=<redacted>");
  }

  @Test
  void secretsInsideAnEncodedJsonLineAreReplacedAndTheLineStaysJson() throws Exception {
    String line =
        "{\"message\":\"body {\\\"accessToken\\\":\\\"ya29.a0AfH6SM\\\",\\\"n\\\":1}\","
            + "\"apiKey\":\"AIzaSyA-1234567890abcdefghijklmnopqrstu\",\"videoId\":\"dQw4w9WgXcQ\"}";
    String redacted = SecretRedaction.redact(line);

    assertThat(redacted).doesNotContain("ya29.a0AfH6SM", "AIzaSyA-1234567890");
    assertThat(JSON.readTree(redacted).get("apiKey").asText()).isEqualTo("<redacted>");
    assertThat(JSON.readTree(redacted).get("videoId").asText()).isEqualTo("dQw4w9WgXcQ");
    assertThat(JSON.readTree(redacted).get("message").asText())
        .isEqualTo("body {\"accessToken\":\"<redacted>\",\"n\":1}");
  }

  @Test
  void secretShapesAreReplacedWithoutAName() {
    String signature = "0x" + "ab".repeat(64);
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl";
    String text =
        "sig "
            + signature
            + " jwt "
            + jwt
            + " Authorization: Bearer abcdefgh12345678"
            + " url https://elastic:changeme@es.example.org:9200/"
            + " hook https://discord.com/api/webhooks/123456/AbCdEf-gh_ij";

    String redacted = SecretRedaction.redact(text);

    assertThat(redacted)
        .doesNotContain(signature, jwt, "abcdefgh12345678", "changeme", "AbCdEf-gh_ij")
        .contains("https://elastic:<redacted>@es.example.org", "/api/webhooks/123456/<redacted>");
  }

  @Test
  void hashesAndOrdinaryWordsAreKept() {
    String extrinsicHash = "0x" + "cd".repeat(32);
    String text =
        "Video dQw4w9WgXcQ created on Joystream as video 42 in extrinsic "
            + extrinsicHash
            + "; the token bucket refilled; key rotation planned";

    assertThat(SecretRedaction.redact(text)).isEqualTo(text);
  }
}
