package io.joysync.joystream.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class AppActionVectorsTest {
  private final JsonNode protobuf = ReferenceVectors.root().get("protobuf");
  private final JsonNode inputs = protobuf.at("/commitment/inputs");

  /** The youtube-synch app key: Ed25519 seed = blake2b-256 of the UTF-8 seed string. */
  static Ed25519PrivateKeyParameters appKey(String seedString) {
    byte[] text = seedString.getBytes(StandardCharsets.UTF_8);
    Blake2bDigest blake2b = new Blake2bDigest(256);
    blake2b.update(text, 0, text.length);
    byte[] seed = new byte[32];
    blake2b.doFinal(seed, 0);
    return new Ed25519PrivateKeyParameters(seed, 0);
  }

  static AppActionSigner signerOf(Ed25519PrivateKeyParameters key) {
    return AppActionSigner.of(
        message -> {
          Ed25519Signer signer = new Ed25519Signer();
          signer.init(true, key);
          signer.update(message, 0, message.length);
          return signer.generateSignature();
        });
  }

  private AppActionCommitment referenceCommitment() {
    return AppActionCommitment.createVideo(
        inputs.get("nonce").asLong(),
        Long.parseLong(inputs.get("creatorId").asText()),
        Hex.decode(inputs.get("assetsHex").asText()),
        Hex.decode(inputs.get("rawActionHex").asText()),
        Hex.decode(inputs.get("metadataHex").asText()));
  }

  @Test
  void commitmentJsonIsByteForByte() {
    assertThat(referenceCommitment().json()).isEqualTo(protobuf.at("/commitment/json").asText());
    assertThat(referenceCommitment().signedBytes())
        .isEqualTo(protobuf.at("/commitment/json").asText().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signatureWithTheAppKeyIsByteForByteAndVerifies() {
    Ed25519PrivateKeyParameters key = appKey(protobuf.at("/appKey/string").asText());
    byte[] publicKey = key.generatePublicKey().getEncoded();
    assertThat(Hex.encode(publicKey)).isEqualTo(protobuf.at("/appKey/publicKeyHex").asText());

    byte[] signature = referenceCommitment().sign(signerOf(key));
    assertThat(Hex.encode(signature)).isEqualTo(protobuf.get("appSignatureHex").asText());
    assertThat(referenceCommitment().verify(publicKey, signature)).isTrue();

    AppActionCommitment wrongNonce =
        AppActionCommitment.createVideo(
            4,
            5,
            referenceCommitment().assets(),
            referenceCommitment().rawAction(),
            referenceCommitment().metadata());
    assertThat(wrongNonce.verify(publicKey, signature)).isFalse();
  }

  @Test
  void theLibraryAppKeySignsTheSameBytes() {
    Ed25519KeyPair appKey = Ed25519KeyPair.fromString(protobuf.at("/appKey/string").asText());
    assertThat(Hex.encode(appKey.publicKey()))
        .isEqualTo(protobuf.at("/appKey/publicKeyHex").asText());
    assertThat(Hex.encode(referenceCommitment().sign(appKey::sign)))
        .isEqualTo(protobuf.get("appSignatureHex").asText());
  }

  @Test
  void appActionBytesFromVideoFactsAreByteForByte() {
    Ed25519PrivateKeyParameters key = appKey(protobuf.at("/appKey/string").asText());
    VideoAppAction action =
        VideoAppAction.create(
            protobuf.at("/appAction/input/appId").asText(),
            inputs.get("nonce").asLong(),
            5,
            Hex.decode(inputs.get("assetsHex").asText()),
            VideoMetadataVectorsTest.referenceFacts(),
            signerOf(key));
    assertThat(Hex.encode(action.metaBytes())).isEqualTo(protobuf.at("/appAction/hex").asText());
    assertThat(action.commitment()).isEqualTo(referenceCommitment());
  }

  @Test
  void metaDecodesAsOrionReadsIt() {
    var fromAppAction = VideoAppAction.decode(Hex.decode(protobuf.at("/appAction/hex").asText()));
    assertThat(fromAppAction).isPresent();
    assertThat(fromAppAction.get().claimedYtVideoId()).isEqualTo("dQw4w9WgXcQ");
    assertThat(fromAppAction.get().appAction().map(AppAction::getAppId)).contains("12");
    assertThat(fromAppAction.get().content().getVideoMetadata().getTitle())
        .isEqualTo("Reference video");

    var plain = VideoAppAction.decode(Hex.decode(protobuf.at("/contentMetadata/hex").asText()));
    assertThat(plain).isPresent();
    assertThat(plain.get().appAction()).isEmpty();
    assertThat(plain.get().content().getVideoMetadata().getDuration()).isEqualTo(125);

    assertThat(VideoAppAction.decode(new byte[] {(byte) 0xff, (byte) 0xff})).isEmpty();
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> AppActionCommitment.createVideo(1L << 53, 5, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 0..2^53-1");
    AppActionCommitment empty = AppActionCommitment.createVideo(0, 1, null, null, null);
    assertThat(empty.json()).isEqualTo("[0,\"1\",0,0,\"0x\",\"0x\",\"0x\"]");
    assertThatThrownBy(() -> empty.sign(message -> new byte[10]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected a 64-byte Ed25519 signature");
  }
}
