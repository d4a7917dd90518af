package io.joysync.joystream.call;

import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Arrays;

/**
 * A call this library has no typed record for, kept as its exact bytes (pallet index, call index,
 * arguments), so it can be re-signed or forwarded unchanged.
 */
public record EncodedCall(byte[] bytes) implements RuntimeCall {
  public EncodedCall {
    if (bytes.length < 2) {
      throw new ScaleException("a call needs at least its two index bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public int palletIndex() {
    return bytes[0] & 0xff;
  }

  @Override
  public int callIndex() {
    return bytes[1] & 0xff;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    w.writeBytes(bytes, 2, bytes.length - 2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedCall c && Arrays.equals(bytes, c.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EncodedCall[" + Hex.encode(bytes) + "]";
  }
}
