package io.joysync.devnet.chain;

import io.joysync.joystream.scale.Hex;
import java.util.Arrays;

/**
 * A 32-byte AccountId32 (for ed25519 and sr25519 the public key itself). Value semantics so it can
 * key the chain's maps; ordered by bytes like Rust's derived Ord, which BTreeMap iteration uses.
 */
public final class AccountId implements Comparable<AccountId> {
  private final byte[] bytes;

  private AccountId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static AccountId of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an AccountId32 has 32 bytes, got " + bytes.length);
    }
    return new AccountId(bytes.clone());
  }

  public static AccountId ofHex(String hex) {
    return of(Hex.decode(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public String hex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(AccountId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
