package io.joysync.joystream.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.crypto.Base58;
import io.joysync.joystream.scale.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContentIdTest {

  @Test
  void everyVectorIsReproducedOneShotStreamedAndIncrementally() throws IOException {
    JsonNode cids = ReferenceVectors.root().get("cids");
    assertThat(cids.size()).isEqualTo(4);
    for (JsonNode v : cids) {
      byte[] input = ReferenceVectors.cidInput(v.get("name").asText());
      assertThat(input).hasSize(v.get("size").asInt());

      ContentIdHasher.HashedContent oneShot = ContentIdHasher.of(input);
      assertThat(oneShot.contentId().value()).isEqualTo(v.get("cid").asText());
      assertThat(oneShot.size()).isEqualTo(v.get("size").asLong());
      assertThat(oneShot.contentId().digestHex()).isEqualTo(v.get("blake3Hex").asText());
      assertThat(Hex.encode(oneShot.contentId().multihash()))
          .isEqualTo(v.get("multihashHex").asText());
      assertThat(oneShot.contentId().value()).hasSize(46).startsWith("gW");

      assertThat(ContentIdHasher.of(new ByteArrayInputStream(input))).isEqualTo(oneShot);
      assertThat(inOddChunks(input)).isEqualTo(oneShot);
      assertThat(throughOutputStream(input)).isEqualTo(oneShot);
      assertThat(throughInputStream(input)).isEqualTo(oneShot);
    }
  }

  @Test
  void largeStreamGivesTheOneShotValue() throws IOException {
    byte[] data = new byte[40 * 1024 * 1024 + 12_345];
    new SplittableRandom(7).nextBytes(data);
    ContentIdHasher.HashedContent oneShot = ContentIdHasher.of(data);
    assertThat(ContentIdHasher.of(new ByteArrayInputStream(data))).isEqualTo(oneShot);
    assertThat(inOddChunks(data)).isEqualTo(oneShot);
    data[data.length / 2] ^= 1;
    assertThat(ContentIdHasher.of(data).contentId()).isNotEqualTo(oneShot.contentId());
  }

  @Test
  void contentIdTextIsValidated() {
    String good = "gWCA3wX5Rz16W3wimxKgbqsjNgmMSxohnXVDHnZY8dTVk7";
    assertThat(ContentId.parse(good).chainBytes()).hasSize(46);
    assertThatThrownBy(() -> ContentId.parse(good.substring(1)))
        .isInstanceOf(InvalidContentIdException.class)
        .hasMessageContaining("45 characters");
    assertThatThrownBy(() -> ContentId.parse(good.replace('W', '0')))
        .isInstanceOf(InvalidContentIdException.class)
        .hasMessageContaining("invalid base58 character '0'");
    String sha256Multihash = Base58.encode(prefixed(0x12));
    assertThatThrownBy(() -> ContentId.parse(sha256Multihash))
        .isInstanceOf(InvalidContentIdException.class)
        .hasMessageContaining("not a BLAKE3-256 multihash");
    assertThatThrownBy(() -> ContentId.fromDigest(new byte[31]))
        .isInstanceOf(InvalidContentIdException.class);
  }

  @Test
  void aFinishedHasherRefusesMoreData() {
    ContentIdHasher hasher = new ContentIdHasher();
    hasher.update(new byte[] {1, 2, 3});
    hasher.finish();
    assertThatThrownBy(() -> hasher.update(new byte[] {4}))
        .isInstanceOf(IllegalStateException.class);
  }

  private static byte[] prefixed(int code) {
    byte[] mh = new byte[34];
    mh[0] = (byte) code;
    mh[1] = 32;
    return mh;
  }

  private static ContentIdHasher.HashedContent inOddChunks(byte[] input) {
    ContentIdHasher hasher = new ContentIdHasher();
    int off = 0;
    int step = 1;
    while (off < input.length) {
      int len = Math.min(step, input.length - off);
      hasher.update(input, off, len);
      off += len;
      step = step * 3 + 1 > 1_000_003 ? 1 : step * 3 + 1;
    }
    return hasher.finish();
  }

  private static ContentIdHasher.HashedContent throughOutputStream(byte[] input)
      throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    HashingOutputStream out = new HashingOutputStream(sink);
    try (OutputStream o = out) {
      if (input.length > 0) {
        o.write(input[0]);
        o.write(input, 1, input.length - 1);
      }
    }
    assertThat(sink.toByteArray()).isEqualTo(input);
    return out.finish();
  }

  private static ContentIdHasher.HashedContent throughInputStream(byte[] input) throws IOException {
    HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(input));
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (InputStream i = in) {
      int first = i.read();
      if (first >= 0) {
        copy.write(first);
      }
      i.transferTo(copy);
    }
    assertThat(copy.toByteArray()).isEqualTo(input);
    return in.finish();
  }
}
