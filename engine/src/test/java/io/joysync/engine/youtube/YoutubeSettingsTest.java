package io.joysync.engine.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class YoutubeSettingsTest {

  @Test
  void defaultsAreProductionAndTheDevnetSwitchRewritesEveryEndpoint() {
    YoutubeSettings defaults = YoutubeSettings.fromConfig(ConfigFactory.empty());
    assertThat(defaults.api().endpoints()).isEqualTo(YoutubeEndpoints.production());
    assertThat(defaults.quota().syncBudget()).isEqualTo(9_500);
    assertThat(defaults.download().maxFileSizeBytes()).hasValue(15_000_000_000L);
    assertThat(defaults.download().formatSelector()).startsWith("bv*[height<=?1080]");
    assertThat(defaults.websub()).isEmpty();

    YoutubeSettings devnet =
        YoutubeSettings.fromConfig(
            ConfigFactory.parseString(
                "joysync.youtube { devnet-base-url = \"http://127.0.0.1:8090\", api-key = \"k-secret\", client-secret = \"c-secret\","
                    + " websub { callback-url = \"http://127.0.0.1:3001/websub\", secret = \"0123456789abcdef0123\" } }"));
    assertThat(devnet.api().endpoints().tokenUrl()).isEqualTo("http://127.0.0.1:8090/oauth2/token");
    assertThat(devnet.api().endpoints().watchUrl("abc"))
        .isEqualTo("http://127.0.0.1:8090/watch?v=abc");
    assertThat(devnet.toString()).doesNotContain("k-secret", "c-secret", "0123456789abcdef0123");
  }

  @Test
  void invalidValuesNameTheProblem() {
    assertThatThrownBy(
            () ->
                YoutubeSettings.fromConfig(
                    ConfigFactory.parseString(
                        "joysync.youtube.quota { daily-limit = 100, signup-reserve = 500 }")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("joysync.youtube")
        .hasMessageContaining("signupReserve");
    assertThatThrownBy(
            () ->
                YoutubeSettings.fromConfig(
                    ConfigFactory.parseString("joysync.youtube.download.timeout = soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                YoutubeSettings.fromConfig(
                    ConfigFactory.parseString(
                        "joysync.youtube.websub { callback-url = \"http://x/cb\", secret = \"short\" }")))
        .hasMessageContaining("16 characters");
  }
}
