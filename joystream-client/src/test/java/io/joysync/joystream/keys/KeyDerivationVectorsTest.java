package io.joysync.joystream.keys;

import static io.joysync.joystream.scale.ReferenceVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyDerivationVectorsTest {
  private final JsonNode keys = ReferenceVectors.section("keys");

  @Test
  void devPhraseGivesTheEntropySeedAndMiniSecretOfTheVectors() {
    JsonNode m = keys.get("mnemonic");
    String phrase = m.get("phrase").asText();
    assertThat(Mnemonic.toEntropy(phrase)).isEqualTo(hex(m, "entropyHex"));
    assertThat(Mnemonic.seed64(phrase, "")).isEqualTo(hex(m, "pbkdf2Sha512OutputHex"));
    assertThat(Mnemonic.miniSecret(phrase, "")).isEqualTo(hex(m, "miniSecretHex"));
    assertThat(Mnemonic.miniSecret(phrase, ""))
        .isNotEqualTo(hex(m, "bip39StandardSeedHex_NOT_USED"));
  }

  @Test
  void everyDerivationPathMatchesChainCodesSeedsAndPublicKeys() {
    String phrase = keys.get("mnemonic").get("phrase").asText();
    for (JsonNode d : keys.get("derivations")) {
      String path = d.get("path").asText();
      SecretUri uri = SecretUri.parse(phrase + path);
      byte[] seed = uri.seed();
      assertThat(uri.path()).hasSize(d.get("junctions").size());
      for (int i = 0; i < uri.path().size(); i++) {
        JsonNode step = d.get("junctions").get(i);
        assertThat(uri.path().get(i).chainCode()).as(path).isEqualTo(hex(step, "chainCodeHex"));
        assertThat(uri.path().get(i).hard()).isEqualTo(step.get("hard").asBoolean());
        seed = Ed25519KeyPair.deriveHard(seed, uri.path().get(i).chainCode());
        assertThat(seed).as(path).isEqualTo(hex(step, "ed25519SeedAfterHex"));
      }
      JsonNode ed = d.get("ed25519");
      Ed25519KeyPair edPair = Ed25519KeyPair.fromUri(phrase + path);
      assertThat(edPair.publicKey()).as(path).isEqualTo(hex(ed, "publicKeyHex"));
      assertThat(edPair.address()).isEqualTo(ed.get("ss58_126").asText());
      assertThat(edPair.address(42)).isEqualTo(ed.get("ss58_42").asText());
      JsonNode sr = d.get("sr25519");
      Sr25519KeyPair srPair = Sr25519KeyPair.fromUri(phrase + path);
      assertThat(srPair.publicKey()).as(path).isEqualTo(hex(sr, "publicKeyHex"));
      assertThat(srPair.address()).isEqualTo(sr.get("ss58_126").asText());
      assertThat(srPair.address(42)).isEqualTo(sr.get("ss58_42").asText());
      if (!path.isEmpty()) {
        assertThat(Sr25519KeyPair.fromUri(path).publicKey())
            .as("dev phrase is the default for " + path)
            .isEqualTo(hex(sr, "publicKeyHex"));
        assertThat(Ed25519KeyPair.fromUri(path).publicKey()).isEqualTo(hex(ed, "publicKeyHex"));
      }
    }
  }

  @Test
  void rawSeedUriAndAppKeyMatch() {
    JsonNode raw = keys.get("rawSeed");
    Ed25519KeyPair seedKey = Ed25519KeyPair.fromUri(raw.get("uri").asText());
    assertThat(seedKey.publicKey()).isEqualTo(hex(raw.get("ed25519"), "publicKeyHex"));
    assertThat(seedKey.address()).isEqualTo(raw.get("ed25519").get("ss58_126").asText());
    assertThat(seedKey.address(42)).isEqualTo(raw.get("ed25519").get("ss58_42").asText());

    JsonNode app = keys.get("appKey");
    Ed25519KeyPair appKey = Ed25519KeyPair.fromString(app.get("string").asText());
    assertThat(appKey.publicKey()).isEqualTo(hex(app, "publicKeyHex"));
    assertThat(appKey.address()).isEqualTo(app.get("ss58_126").asText());
    assertThat(Ed25519KeyPair.fromSeed(hex(app, "seedHex")).publicKey())
        .isEqualTo(hex(app, "publicKeyHex"));
  }

  @Test
  void softJunctionsFollowFromThePublicKeyAlone() {
    Sr25519KeyPair parent = Sr25519KeyPair.fromUri("//Alice");
    Sr25519KeyPair child = Sr25519KeyPair.fromUri("//Alice/soft/7");
    byte[] followed =
        Sr25519KeyPair.derivePublicSoft(
            parent.publicKey(), DeriveJunction.of("soft", false), DeriveJunction.of("7", false));
    assertThat(child.publicKey()).isEqualTo(followed).isNotEqualTo(parent.publicKey());
    byte[] sig = child.sign("soft".getBytes());
    assertThat(Sr25519KeyPair.verify(followed, "soft".getBytes(), sig)).isTrue();
  }

  /** Public keys computed with polkadot.js keyring 12.6.2 for paths the kit does not cover. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "sr25519, //Alice/soft/7, 0x741c532a1110e54ad58eb124ebcbb26a6cc8bcb98c10790581239034aa9aed26",
    "sr25519, //Joystream/soft/1, 0x4e29993ab92949be547ed13eadb6433a4ba5eab566afc606ffdcc4ee19fb7e2a",
    "sr25519, //18446744073709551615,"
        + " 0xa4ca284d5222ef916e2e181430785972ed22cb51ef91a0c6cdbbd390ee74bc77",
    "sr25519, //Alice//averyveryverylongjunctionnamethatexceeds32bytes,"
        + " 0xe877d4afc64a7156120643ef97dabbdc235eef4c8b89e0ec8866c210b8b0d071",
    "ed25519, //Alice//averyveryverylongjunctionnamethatexceeds32bytes,"
        + " 0xf59399d17da0cf185360df4c1733bbc5d46752033684a9712388992b29157ea4",
    "sr25519, bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice///secret,"
        + " 0x08a5e583f74f54f3811cb5f7d74e686d473e3a466fd0e95738707a80c3183b15"
  })
  void softLongNumericAndPasswordPathsMatchPolkadotJs(String type, String uri, String publicKey) {
    KeyType t = type.equals("sr25519") ? KeyType.SR25519 : KeyType.ED25519;
    assertThat(Hex.encode(KeyPair.fromUri(t, uri).publicKey())).isEqualTo(publicKey);
  }

  @Test
  void numericJunctionsAboveU64AreTextAsInSubstrate() {
    // Substrate parses a junction as u64 first and falls back to the string; polkadot.js instead
    // squeezes any all-digit junction into 64 bits, so wallets disagree for such paths.
    String digits = "0123456789012345678901234567890123456789";
    byte[] asText = new io.joysync.joystream.scale.ScaleWriter().writeString(digits).toByteArray();
    assertThat(DeriveJunction.of(digits, false).chainCode())
        .isEqualTo(io.joysync.joystream.crypto.Blake2b.hash256(asText));
    assertThat(DeriveJunction.of("18446744073709551615", true).chainCode())
        .startsWith(Hex.decode("0xffffffffffffffff00"));
  }

  @Test
  void passwordChangesTheKey() {
    assertThat(Sr25519KeyPair.fromUri(Mnemonic.DEV_PHRASE + "///pw").publicKey())
        .isNotEqualTo(Sr25519KeyPair.fromUri(Mnemonic.DEV_PHRASE).publicKey());
  }

  @Test
  void badMnemonicsAndUrisFailWithoutEchoingSecrets() {
    String swapped = Mnemonic.DEV_PHRASE.replace("bottom drive", "drive bottom");
    assertThatThrownBy(() -> Mnemonic.toEntropy(swapped))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("checksum")
        .hasMessageNotContaining("drive");
    assertThatThrownBy(() -> Mnemonic.toEntropy("bottom drive obey"))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("has 3");
    assertThatThrownBy(() -> Mnemonic.toEntropy(Mnemonic.DEV_PHRASE.replace("walk", "walkk")))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("word 12");
    assertThatThrownBy(() -> Ed25519KeyPair.fromUri("//Alice/soft"))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("soft");
    assertThatThrownBy(() -> Ed25519KeyPair.fromUri("0x0102"))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Ed25519KeyPair.fromSeed(new byte[31]))
        .isInstanceOf(KeyException.class)
        .hasMessageContaining("got 31");
  }

  @Test
  void toStringNeverShowsSecrets() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 0x01);
    Ed25519KeyPair ed = Ed25519KeyPair.fromSeed(seed);
    assertThat(ed.toString()).contains(ed.address()).doesNotContain("0101010101");
    Sr25519KeyPair sr = Sr25519KeyPair.fromUri("//Alice");
    assertThat(sr.toString()).contains(sr.address()).doesNotContain("Alice");
    SecretUri uri = SecretUri.parse(Mnemonic.DEV_PHRASE + "//Alice///secretpw");
    assertThat(uri.toString()).doesNotContain("bottom").doesNotContain("secretpw");
    assertThat(Hex.encode(seed)).isNotIn(ed.toString());
  }
}
