package io.joysync.joystream.extrinsic;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;

/**
 * Substrate's {@code MultiAddress} enum (0 Id, 1 Index, 2 Raw, 3 Address32, 4 Address20). Joystream
 * does NOT use it: its extrinsic signer and transfer destination are raw AccountIds ({@link
 * AddressFormat#ACCOUNT_ID}). It exists so the decoder can read extrinsics of runtimes that do, and
 * so a client can say precisely why such bytes are refused by Joystream.
 */
public sealed interface MultiAddress {
  record Id(AccountId accountId) implements MultiAddress {}

  record Index(long accountIndex) implements MultiAddress {}

  record Raw(byte[] bytes) implements MultiAddress {
    public Raw {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Raw[" + io.joysync.joystream.scale.Hex.encode(bytes) + "]";
    }
  }

  record Address32(byte[] bytes) implements MultiAddress {
    public Address32 {
      if (bytes.length != 32) {
        throw new IllegalArgumentException("Address32 needs 32 bytes, got " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Address32 other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Address32[" + io.joysync.joystream.scale.Hex.encode(bytes) + "]";
    }
  }

  record Address20(byte[] bytes) implements MultiAddress {
    public Address20 {
      if (bytes.length != 20) {
        throw new IllegalArgumentException("Address20 needs 20 bytes, got " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Address20 other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Address20[" + io.joysync.joystream.scale.Hex.encode(bytes) + "]";
    }
  }

  /** The account id if this address names one directly (Id or Address32). */
  default AccountId accountId() {
    if (this instanceof Id id) {
      return id.accountId();
    }
    if (this instanceof Address32 a) {
      return new AccountId(a.bytes());
    }
    throw new IllegalStateException(this + " does not carry a 32-byte account id");
  }

  default void encode(ScaleWriter w) {
    if (this instanceof Id id) {
      w.writeU8(0).writeBytes(id.accountId().bytes());
    } else if (this instanceof Index i) {
      w.writeU8(1).writeCompact(i.accountIndex());
    } else if (this instanceof Raw raw) {
      w.writeU8(2).writeByteVec(raw.bytes());
    } else if (this instanceof Address32 a) {
      w.writeU8(3).writeBytes(a.bytes());
    } else {
      w.writeU8(4).writeBytes(((Address20) this).bytes());
    }
  }

  static MultiAddress decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    return switch (tag) {
      case 0 -> new Id(new AccountId(r.readBytes(32)));
      case 1 -> new Index(r.readCompactLong());
      case 2 -> new Raw(r.readByteVec());
      case 3 -> new Address32(r.readBytes(32));
      case 4 -> new Address20(r.readBytes(20));
      default ->
          throw new ScaleException("invalid MultiAddress variant " + tag + " at offset " + at);
    };
  }
}
