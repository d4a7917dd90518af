package io.joysync.joystream.extrinsic;

import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;

/**
 * The runtime's {@code MultiSignature}: variant 0 = Ed25519, 1 = Sr25519 (64 bytes each). ECDSA
 * (variant 2) is recognised when decoding and rejected with a clear message.
 */
public record MultiSignature(KeyType type, byte[] signature) {
  public MultiSignature {
    if (signature.length != 64) {
      throw new IllegalArgumentException(
          type + " signature must be 64 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public void encode(ScaleWriter w) {
    w.writeU8(type.multiSignatureIndex()).writeBytes(signature);
  }

  public static MultiSignature decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    if (tag == 2) {
      throw new ScaleException("ECDSA signature at offset " + at + " is not supported");
    }
    if (tag > 2) {
      throw new ScaleException("invalid MultiSignature variant " + tag + " at offset " + at);
    }
    return new MultiSignature(KeyType.fromMultiSignatureIndex(tag), r.readBytes(64));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiSignature m && type == m.type && Arrays.equals(signature, m.signature);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "MultiSignature[" + type + ", " + Hex.encode(signature) + "]";
  }
}
