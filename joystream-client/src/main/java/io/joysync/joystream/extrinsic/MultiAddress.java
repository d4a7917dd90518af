package io.joysync.joystream.extrinsic;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;

/**
 * Substrate's {@code MultiAddress} enum (0 Id, 1 Index, 2 Raw, 3 Address32, 4 Address20). Joystream
 * does NOT use it: its extrinsic signer and transfer destination are raw AccountIds ({@link
 * AddressFormat#ACCOUNT_ID}). It exists so the decoder can read extrinsics of runtimes that do, and
 * so a client can say precisely why such bytes are refused by Joystream.
 */
public sealed interface MultiAddress {
  record Id(AccountId accountId) implements MultiAddress {}

  record Index(long accountIndex) implements MultiAddress {}

  /** The variants that carry bytes: their tag and, but for Raw, their fixed length. */
  enum BytesKind {
    RAW(2, -1),
    ADDRESS32(3, 32),
    ADDRESS20(4, 20);

    final int tag;
    final int length;

    BytesKind(int tag, int length) {
      this.tag = tag;
      this.length = length;
    }
  }

  /** Raw (any length), Address32 (32 bytes) or Address20 (20 bytes). */
  record Bytes(BytesKind kind, byte[] bytes) implements MultiAddress {
    public Bytes {
      if (kind.length >= 0 && bytes.length != kind.length) {
        throw new IllegalArgumentException(
            kind + " needs " + kind.length + " bytes, got " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && kind == other.kind && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return 31 * kind.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return kind + "[" + Hex.encode(bytes) + "]";
    }
  }

  /** The account id if this address names one directly (Id or Address32). */
  default AccountId accountId() {
    if (this instanceof Id id) {
      return id.accountId();
    }
    if (this instanceof Bytes b && b.kind() == BytesKind.ADDRESS32) {
      return new AccountId(b.bytes());
    }
    throw new IllegalStateException(this + " does not carry a 32-byte account id");
  }

  default void encode(ScaleWriter w) {
    if (this instanceof Id id) {
      w.writeU8(0).writeBytes(id.accountId().bytes());
    } else if (this instanceof Index i) {
      w.writeU8(1).writeCompact(i.accountIndex());
    } else {
      Bytes b = (Bytes) this;
      w.writeU8(b.kind().tag);
      if (b.kind() == BytesKind.RAW) {
        w.writeByteVec(b.bytes());
      } else {
        w.writeBytes(b.bytes());
      }
    }
  }

  static MultiAddress decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    return switch (tag) {
      case 0 -> new Id(new AccountId(r.readBytes(32)));
      case 1 -> new Index(r.readCompactLong());
      case 2 -> new Bytes(BytesKind.RAW, r.readByteVec());
      case 3 -> new Bytes(BytesKind.ADDRESS32, r.readBytes(32));
      case 4 -> new Bytes(BytesKind.ADDRESS20, r.readBytes(20));
      default ->
          throw new ScaleException("invalid MultiAddress variant " + tag + " at offset " + at);
    };
  }
}
