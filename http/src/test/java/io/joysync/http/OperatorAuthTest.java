package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** youtube-synch's operator key rule: the key is the second word of the Authorization header. */
class OperatorAuthTest {

  private final OperatorAuth auth = new OperatorAuth("s3cret-key");

  @Test
  void theKeyAfterAnySchemeIsAccepted() {
    assertThat(auth.matches("Bearer s3cret-key")).isTrue();
    assertThat(auth.matches("Token s3cret-key")).isTrue();
    assertThat(auth.matches("  bearer   s3cret-key ")).isTrue();
  }

  @Test
  void aWrongMissingOrMisplacedKeyIsRefused() {
    assertThat(auth.matches("Bearer s3cret-kez")).isFalse();
    assertThat(auth.matches("s3cret-key")).isFalse();
    assertThat(auth.matches("Bearer s3cret-key extra")).isFalse();
    assertThat(auth.matches("")).isFalse();
    assertThat(new OperatorAuth("").matches("Bearer s3cret-key")).isFalse();
  }
}
