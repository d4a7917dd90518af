package io.joysync.engine.joystream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** joysync.joystream read once into typed settings: the devnet's defaults, and bad values. */
class JoystreamSettingsTest {

  static Config config(String joystream) {
    return ConfigFactory.parseString("joysync.joystream {" + joystream + "}")
        .withFallback(ConfigFactory.parseResources("joysync/settings.conf"))
        .resolve();
  }

  @Test
  void theDefaultsPointAtTheDevnet() {
    JoystreamSettings s = JoystreamSettings.from(config(""));

    assertThat(s.orionUrl()).isEqualTo(URI.create("http://127.0.0.1:4350/graphql"));
    assertThat(s.chainUrl()).isEqualTo(URI.create("ws://127.0.0.1:9944"));
    assertThat(s.collaboratorMemberId()).isEqualTo(1);
    assertThat(s.faucet().orElseThrow().endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:3002/register"));
    assertThat(s.faucet().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.toString()).doesNotContain("devnet-faucet-key");
  }

  @Test
  void aBlankFaucetEndpointTurnsTheFaucetOff() {
    assertThat(JoystreamSettings.from(config("faucet.endpoint = \"\"")).faucet()).isEmpty();
  }

  @Test
  void aMalformedEndpointStopsTheStartNamingItsSetting() {
    assertThatThrownBy(() -> JoystreamSettings.from(config("chain-url = \"http://node:9944\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("joysync.joystream.chain-url must be a ws or wss URL, was 'http://node:9944'");
    assertThatThrownBy(() -> JoystreamSettings.from(config("orion-url = \"orion graphql\"")))
        .hasMessageContaining("joysync.joystream.orion-url must be a http or https URL");
    assertThatThrownBy(() -> JoystreamSettings.from(config("faucet.endpoint = \"ftp://x/\"")))
        .hasMessageContaining("joysync.joystream.faucet.endpoint must be a http or https URL");
    assertThatThrownBy(() -> JoystreamSettings.from(config("collaborator-member-id = -3")))
        .hasMessageContaining("collaborator-member-id must not be negative");
    assertThatThrownBy(() -> JoystreamSettings.from(config("collaborator-member-id = one")))
        .hasMessageContaining("bad Joystream setting")
        .hasMessageContaining("collaborator-member-id");
  }
}
