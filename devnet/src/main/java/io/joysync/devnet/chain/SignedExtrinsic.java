package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A v4 extrinsic as submitted: the signed form (signer as raw AccountId32, MultiSignature, era,
 * compact nonce, compact tip, call) or the unsigned form used by inherents. Decoding is strict: the
 * length prefix must match and no byte may be left over.
 */
public record SignedExtrinsic(
    byte[] bytes,
    byte[] hash,
    boolean signed,
    AccountId signer,
    int signatureType,
    byte[] signature,
    Era era,
    long nonce,
    BigInteger tip,
    byte[] call) {
  public static final int ED25519 = 0;
  public static final int SR25519 = 1;
  public static final int ECDSA = 2;

  public String hashHex() {
    return Hex.encode(hash);
  }

  /** The bytes covered by CheckNonce/ChargeTransactionPayment "extra": era, nonce, tip. */
  public byte[] extraBytes() {
    ScaleWriter w = new ScaleWriter();
    if (era.immortal()) {
      w.writeU8(0);
    } else {
      int tz = Long.numberOfTrailingZeros(era.period());
      int low = Math.min(Math.max(tz - 1, 1), 15);
      long quantize = Math.max(era.period() >> 12, 1);
      int encoded = (int) (low | ((era.phase() / quantize) << 4));
      w.writeU16(encoded);
    }
    w.writeCompact(nonce);
    w.writeCompact(tip);
    return w.toByteArray();
  }

  /**
   * @throws ScaleException if the bytes are not a well-formed v4 extrinsic
   */
  public static SignedExtrinsic decode(byte[] bytes) {
    ScaleReader r = new ScaleReader(bytes);
    int declared = r.readCompactInt();
    if (declared != r.remaining()) {
      throw new ScaleException(
          "length prefix says " + declared + " bytes but " + r.remaining() + " follow");
    }
    int version = r.readU8();
    byte[] hash = Hashing.blake2b256(bytes);
    if (version == 0x04) {
      byte[] call = r.readBytes(r.remaining());
      return new SignedExtrinsic(
          bytes, hash, false, null, -1, new byte[0], Era.IMMORTAL, 0, BigInteger.ZERO, call);
    }
    if (version != 0x84) {
      throw new ScaleException(
          "unsupported extrinsic version byte 0x" + Integer.toHexString(version));
    }
    AccountId signer = new AccountId(r.readBytes(32));
    int sigType = r.readU8();
    byte[] signature =
        switch (sigType) {
          case ED25519, SR25519 -> r.readBytes(64);
          case ECDSA -> r.readBytes(65);
          default -> throw new ScaleException("invalid MultiSignature variant " + sigType);
        };
    int first = r.readU8();
    Era era;
    if (first == 0) {
      era = Era.IMMORTAL;
    } else {
      try {
        era = Era.decode(first, r.readU8());
      } catch (IllegalArgumentException e) {
        throw new ScaleException(e.getMessage());
      }
    }
    long nonce = r.readCompactLong();
    if (nonce > 0xFFFFFFFFL) {
      throw new ScaleException("nonce " + nonce + " does not fit the runtime's u32 Index");
    }
    BigInteger tip = r.readCompact();
    if (tip.bitLength() > 128) {
      throw new ScaleException("tip does not fit u128");
    }
    byte[] call = r.readBytes(r.remaining());
    if (call.length < 2) {
      throw new ScaleException("call is missing");
    }
    return new SignedExtrinsic(
        bytes, hash, true, signer, sigType, signature, era, nonce, tip, call);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedExtrinsic other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "SignedExtrinsic[" + hashHex() + ", signer=" + signer + ", nonce=" + nonce + "]";
  }
}
