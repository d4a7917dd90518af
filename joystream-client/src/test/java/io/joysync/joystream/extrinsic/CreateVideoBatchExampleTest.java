package io.joysync.joystream.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.CallDecoder;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's usage example, run as written, and the signed-extension order of the metadata. */
class CreateVideoBatchExampleTest {

  @Test
  void readmeExampleSignsABatchThatDecodesAndVerifies() {
    KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Alice");
    ChainIdentity chain = new ChainIdentity(2004, 2, Hex.decode(ChainIdentity.MAINNET_GENESIS));
    StorageAssets assets =
        new StorageAssets(
            List.of(
                new DataObjectCreation(5_242_880, "gW4rY9qD5vaHbswTNdhdXTDCcsyqEYzBN55bXLBvSeKdSZ"),
                new DataObjectCreation(
                    1_048_576, "gW5XaLYiTPHdny7x6hw4QcQnCHokc5ou7BS3hA5enBk7SA")),
            BigInteger.valueOf(8_333_330));
    CreateVideo video =
        new CreateVideo(
            ContentActor.member(7),
            5,
            Optional.of(assets),
            Optional.of(new byte[] {0x0a, 0x00}),
            BigInteger.valueOf(1_666_666_666),
            BigInteger.valueOf(166_666_666),
            5);
    byte[] bestBlockHash = Hex.decode("0x" + "22".repeat(32));
    TransactionParams params = TransactionParams.mortal(64, 100, bestBlockHash, 0, BigInteger.ZERO);
    SignedExtrinsic tx = SignedExtrinsic.sign(key, Batch.all(List.of(video, video)), chain, params);

    SignedExtrinsic received = SignedExtrinsic.decode(Hex.decode(tx.toHex()));
    assertThat(received).isEqualTo(tx);
    assertThat(received.verify(chain, bestBlockHash)).isTrue();
    assertThat(received.signer().toSs58()).isEqualTo(key.address());
    Batch batch = (Batch) CallDecoder.decode(received.call());
    assertThat(batch.mode()).isEqualTo(Batch.Mode.BATCH_ALL);
    assertThat(batch.calls()).containsExactly(video, video).isNotEmpty();
    assertThat(tx.hash()).hasSize(32);
  }

  @Test
  void signedExtensionsAreTheMetadataOnesInOrder() {
    List<String> fromMetadata = new ArrayList<>();
    for (JsonNode n :
        ReferenceVectors.section("generator").get("metadata").get("signedExtensions")) {
      fromMetadata.add(n.asText());
    }
    assertThat(SigningPayload.SIGNED_EXTENSIONS).isEqualTo(fromMetadata);
  }
}
