package io.joysync.joystream.crypto;

/**
 * The storage-map key hashers of FRAME metadata (names as in the metadata's {@code StorageHasher}).
 * The "concat" variants append the raw key so map keys can be read back from storage keys.
 */
public enum StorageHasher {
  BLAKE2_128,
  BLAKE2_256,
  BLAKE2_128_CONCAT,
  TWOX_128,
  TWOX_256,
  TWOX_64_CONCAT,
  IDENTITY;

  /** Hashes the SCALE-encoded key. */
  public byte[] hash(byte[] encodedKey) {
    return switch (this) {
      case BLAKE2_128 -> Blake2b.hash128(encodedKey);
      case BLAKE2_256 -> Blake2b.hash256(encodedKey);
      case BLAKE2_128_CONCAT -> concat(Blake2b.hash128(encodedKey), encodedKey);
      case TWOX_128 -> XxHash.twox128(encodedKey);
      case TWOX_256 -> XxHash.twox256(encodedKey);
      case TWOX_64_CONCAT -> concat(XxHash.twox64(encodedKey), encodedKey);
      case IDENTITY -> encodedKey.clone();
    };
  }

  /** The metadata name of this hasher ("Blake2_128Concat", ...). */
  public String metadataName() {
    return switch (this) {
      case BLAKE2_128 -> "Blake2_128";
      case BLAKE2_256 -> "Blake2_256";
      case BLAKE2_128_CONCAT -> "Blake2_128Concat";
      case TWOX_128 -> "Twox128";
      case TWOX_256 -> "Twox256";
      case TWOX_64_CONCAT -> "Twox64Concat";
      case IDENTITY -> "Identity";
    };
  }

  /** Looks a hasher up by its metadata name. */
  public static StorageHasher fromMetadataName(String name) {
    for (StorageHasher h : values()) {
      if (h.metadataName().equals(name)) {
        return h;
      }
    }
    throw new IllegalArgumentException("unknown storage hasher '" + name + "'");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
