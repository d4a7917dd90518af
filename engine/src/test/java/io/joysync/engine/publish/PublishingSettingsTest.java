package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** joysync.publishing read into typed settings: defaults, accounts, keys and their errors. */
class PublishingSettingsTest {
  private static final String APP = "app.auth-key-seed = \"joysync-devnet-app\"\n";

  @Test
  void theDefaultsConfigureNoAccountAndTheFeeNeutralShare() {
    PublishingSettings s = TestVideos.settings("");
    assertThat(s.accounts()).isEmpty();
    assertThat(s.app().name()).isEqualTo("joysync");
    assertThat(s.app().authKey()).isEmpty();
    assertThat(s.blockShare()).isEqualTo(0.25);
    assertThat(s.gatheringWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.maxExtrinsicsInFlight()).isEqualTo(8);
    assertThat(s.eraPeriod()).isEqualTo(64);
    assertThat(s.askTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.reAskInterval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aRequestIsAskedAgainAfterAPositiveInterval() {
    assertThatThrownBy(() -> TestVideos.settings("re-ask-interval = 0s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("joysync.publishing.re-ask-interval must be positive");
  }

  @Test
  void theNodesConfigurationIncludesThePublishingSettings() {
    PublishingSettings s =
        PublishingSettings.from(
            com.typesafe.config.ConfigFactory.parseResources("joysync.conf")
                .withOnlyPath(PublishingSettings.ROOT)
                .resolve());
    assertThat(s.accounts()).isEmpty();
    assertThat(s.blockShare()).isEqualTo(0.25);
  }

  @Test
  void accountsAreParsedAndNoSecretShowsInTheirText() {
    PublishingSettings s =
        TestVideos.settings(
            "accounts = [{ member-id = 1, key-uri = \"//Joysync//1\" },"
                + " { member-id = 3, key-type = sr25519, key-uri = \"//Joysync//3\" }]\n"
                + APP);
    assertThat(s.accounts())
        .extracting(PublishingSettings.Account::memberId)
        .containsExactly(1L, 3L);
    assertThat(s.account(1).orElseThrow().signingKey().address())
        .isEqualTo(KeyPair.fromUri(KeyType.ED25519, "//Joysync//1").address());
    assertThat(s.account(3).orElseThrow().signingKey().type()).isEqualTo(KeyType.SR25519);
    assertThat(s.toString()).doesNotContain("//Joysync").doesNotContain("joysync-devnet-app");
  }

  @Test
  void aNodeThatDoesNotSignReadsTheMembersButNeverTheirKeys() {
    Config config =
        config(
            "accounts = [{ member-id = 1, key-uri = \"//Joysync//1\" }, { member-id = 3 }]\n"
                + APP);

    PublishingSettings s = PublishingSettings.from(config, false);

    assertThat(s.accounts())
        .extracting(PublishingSettings.Account::memberId)
        .containsExactly(1L, 3L);
    assertThat(s.accounts()).allMatch(a -> a.key().isEmpty());
    assertThat(s.app().authKey()).isEmpty();
    assertThatThrownBy(() -> s.account(1).orElseThrow().signingKey())
        .hasMessageContaining("not held on this node");
    assertThat(PublishingSettings.holdsSecrets(config)).isTrue();
    // The same configuration on a node that signs: member 3 has no key, which stops the start.
    assertThatThrownBy(() -> PublishingSettings.from(config, true))
        .hasMessageContaining("joysync.publishing.accounts[1]: key-uri or key-file is required");
  }

  @Test
  void aConfigurationOfMemberIdsOnlyHoldsNoSecret() {
    Config config = config("accounts = [{ member-id = 1 }, { member-id = 3 }]");

    assertThat(PublishingSettings.holdsSecrets(config)).isFalse();
    assertThat(PublishingSettings.from(config, false).accounts()).hasSize(2);
  }

  private static Config config(String publishing) {
    return ConfigFactory.parseString("joysync.publishing {" + publishing + "}")
        .withFallback(ConfigFactory.parseResources("joysync/publishing.conf"))
        .resolve();
  }

  @Test
  void aMalformedKeyStopsTheStartNamingItsSettingButNeverTheKey() {
    String secret = "correct horse battery staple is no mnemonic";
    assertThatThrownBy(
            () ->
                TestVideos.settings(
                    "accounts = [{ member-id = 1, key-uri = \"" + secret + "\" }]\n" + APP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("joysync.publishing.accounts[0]")
        .hasMessageNotContaining("horse");
    assertThatThrownBy(
            () ->
                TestVideos.settings(
                    "accounts = [{ member-id = 1, key-type = rsa, key-uri = \"//A\" }]\n" + APP))
        .hasMessageContaining("joysync.publishing.accounts[0].key-type");
    assertThatThrownBy(
            () -> TestVideos.settings("accounts = [{ member-id = x, key-uri = \"//A\" }]\n" + APP))
        .hasMessageContaining("joysync.publishing.accounts[0].member-id");
    assertThatThrownBy(
            () ->
                TestVideos.settings(
                    "accounts = [{ member-id = 1, key-uri = \"//A\" },"
                        + " { member-id = 1, key-uri = \"//B\" }]\n"
                        + APP))
        .hasMessageContaining("member 1 is configured twice");
  }

  @Test
  void anAccountNeedsTheAppKey() {
    assertThatThrownBy(
            () -> TestVideos.settings("accounts = [{ member-id = 1, key-uri = \"//Joysync//1\" }]"))
        .hasMessageContaining("joysync.publishing.app.auth-key-seed");
  }

  @Test
  void aKeyFileOrTheSingleAccountOfTheEnvironmentWork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("signer.key");
    Files.writeString(file, "//Joysync//2\n");
    PublishingSettings s =
        TestVideos.settings(
            "accounts = [{ member-id = 2, key-file = \""
                + file
                + "\" }]\n"
                + "single-account { member-id = \"3\", key-type = sr25519, key-uri = \"//Joysync//3\" }\n"
                + APP);
    assertThat(s.account(2).orElseThrow().signingKey().address())
        .isEqualTo(KeyPair.fromUri(KeyType.ED25519, "//Joysync//2").address());
    assertThat(s.account(3).orElseThrow().signingKey().address())
        .isEqualTo(KeyPair.fromUri(KeyType.SR25519, "//Joysync//3").address());
    assertThatThrownBy(
            () ->
                TestVideos.settings(
                    "accounts = [{ member-id = 2, key-file = \""
                        + dir.resolve("missing")
                        + "\" }]\n"
                        + APP))
        .hasMessageContaining("joysync.publishing.accounts[0].key-file");
  }
}
