package io.joysync.joystream.content;

import io.joysync.joystream.crypto.Base58;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Joystream content id: base58btc text of the BLAKE3-256 multihash of a file (code {@code 0x1e},
 * length {@code 0x20}, 32-byte digest), always 46 characters starting with {@code gW}. The chain
 * stores its ASCII bytes as {@code ipfs_content_id}; storage nodes recompute it from the upload. An
 * instance is always well formed: construction validates the text.
 */
public record ContentId(String value) {
  /** Multihash code of BLAKE3. */
  public static final int BLAKE3_CODE = 0x1e;

  /** Digest length in bytes. */
  public static final int DIGEST_LENGTH = 32;

  /** Length of the base58 text, which the runtime checks ({@code Base58MultihashLen}). */
  public static final int TEXT_LENGTH = 46;

  public ContentId {
    if (value == null) {
      throw new InvalidContentIdException("content id is null");
    }
    if (value.length() != TEXT_LENGTH) {
      throw new InvalidContentIdException(
          "content id '" + value + "' has " + value.length() + " characters, expected 46");
    }
    byte[] multihash;
    try {
      multihash = Base58.decode(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidContentIdException("content id '" + value + "': " + e.getMessage());
    }
    if (multihash.length != DIGEST_LENGTH + 2
        || (multihash[0] & 0xff) != BLAKE3_CODE
        || (multihash[1] & 0xff) != DIGEST_LENGTH) {
      throw new InvalidContentIdException(
          "content id '" + value + "' is not a BLAKE3-256 multihash (prefix 0x1e20)");
    }
  }

  /** Builds the content id of a 32-byte BLAKE3 digest. */
  public static ContentId fromDigest(byte[] digest) {
    if (digest.length != DIGEST_LENGTH) {
      throw new InvalidContentIdException(
          "BLAKE3 digest has " + digest.length + " bytes, expected 32");
    }
    byte[] multihash = new byte[DIGEST_LENGTH + 2];
    multihash[0] = (byte) BLAKE3_CODE;
    multihash[1] = (byte) DIGEST_LENGTH;
    System.arraycopy(digest, 0, multihash, 2, DIGEST_LENGTH);
    return new ContentId(Base58.encode(multihash));
  }

  /** Parses content-id text, e.g. from a storage node reply or Orion's {@code ipfsHash}. */
  public static ContentId parse(String text) {
    return new ContentId(text);
  }

  /** The 34 multihash bytes. */
  public byte[] multihash() {
    return Base58.decode(value);
  }

  /** The 32-byte BLAKE3 digest. */
  public byte[] digest() {
    return Arrays.copyOfRange(multihash(), 2, DIGEST_LENGTH + 2);
  }

  /** The bytes the chain stores as {@code ipfs_content_id}: the ASCII of the text. */
  public byte[] chainBytes() {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** Hex of the digest, for logs that compare with other BLAKE3 tools. */
  public String digestHex() {
    return Hex.encode(digest());
  }

  @Override
  public String toString() {
    return value;
  }
}
