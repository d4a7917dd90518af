package io.joysync.joystream.extrinsic;

import io.joysync.joystream.call.CallDecoder;
import io.joysync.joystream.call.RuntimeCall;
import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A signed v4 extrinsic as the chain receives it: {@code compact(length) ‖ 0x84 ‖ signer ‖
 * MultiSignature ‖ era ‖ compact nonce ‖ compact tip ‖ call}. {@link #decode} reads exactly that
 * (rejecting trailing bytes, unsigned or other versions) so a node or a test double can check what
 * clients submit; {@link #verify} recomputes the signing payload for a chain and checks the
 * signature. The transaction hash is blake2b-256 of the whole encoding, length prefix included.
 */
public record SignedExtrinsic(
    AccountId signer, MultiSignature signature, Era era, long nonce, BigInteger tip, byte[] call) {

  private static final int SIGNED_V4 = 0x84;

  public SignedExtrinsic {
    call = call.clone();
  }

  @Override
  public byte[] call() {
    return call.clone();
  }

  /** Signs {@code call} with {@code key} for {@code chain}. */
  public static SignedExtrinsic sign(
      KeyPair key, RuntimeCall call, ChainIdentity chain, TransactionParams params) {
    return sign(key, call.encode(), chain, params);
  }

  /** Signs already-encoded call bytes. */
  public static SignedExtrinsic sign(
      KeyPair key, byte[] call, ChainIdentity chain, TransactionParams params) {
    byte[] payload = SigningPayload.encode(call, params, chain);
    byte[] sig = key.sign(SigningPayload.toSign(payload));
    return new SignedExtrinsic(
        key.accountId(),
        new MultiSignature(key.type(), sig),
        params.era(),
        params.nonce(),
        params.tip(),
        call);
  }

  /** The extrinsic bytes with their compact length prefix (what author_submitExtrinsic takes). */
  public byte[] encode() {
    return encode(AddressFormat.ACCOUNT_ID);
  }

  public byte[] encode(AddressFormat format) {
    ScaleWriter body = new ScaleWriter(call.length + 160);
    body.writeU8(SIGNED_V4);
    if (format == AddressFormat.MULTI_ADDRESS) {
      body.writeU8(0);
    }
    body.writeBytes(signer.bytes());
    signature.encode(body);
    era.encode(body);
    body.writeCompact(nonce).writeCompact(tip);
    body.writeBytes(call);
    byte[] inner = body.toByteArray();
    return new ScaleWriter(inner.length + 5).writeByteVec(inner).toByteArray();
  }

  public String toHex() {
    return Hex.encode(encode());
  }

  /** The transaction hash: blake2b-256 of {@link #encode()}. */
  public byte[] hash() {
    return Blake2b.hash256(encode());
  }

  /** The call decoded into a typed record (or an EncodedCall when unknown). */
  public RuntimeCall decodedCall() {
    return CallDecoder.decode(call);
  }

  /** The signing payload this extrinsic claims to have signed, for the given chain. */
  public byte[] signingPayload(ChainIdentity chain, byte[] eraBlockHash) {
    return SigningPayload.encode(call, era, nonce, tip, chain, eraBlockHash);
  }

  /**
   * True if the signature is valid for this chain; {@code eraBlockHash} is the hash of the era's
   * birth block (unused for immortal eras).
   */
  public boolean verify(ChainIdentity chain, byte[] eraBlockHash) {
    byte[] toSign = SigningPayload.toSign(signingPayload(chain, eraBlockHash));
    return KeyPair.verify(signature.type(), signer.bytes(), toSign, signature.signature());
  }

  /** Decodes a Joystream extrinsic (raw AccountId signer). */
  public static SignedExtrinsic decode(byte[] bytes) {
    return decode(bytes, AddressFormat.ACCOUNT_ID);
  }

  public static SignedExtrinsic decode(byte[] bytes, AddressFormat format) {
    ScaleReader r = new ScaleReader(bytes);
    int declared = r.readCompactInt();
    if (declared != r.remaining()) {
      throw new ScaleException(
          "extrinsic length prefix says "
              + declared
              + " bytes but "
              + r.remaining()
              + " follow it");
    }
    int at = r.position();
    int version = r.readU8();
    if (version != SIGNED_V4) {
      throw new ScaleException(
          "expected a signed v4 extrinsic (0x84) at offset "
              + at
              + ", got 0x"
              + Integer.toHexString(version)
              + ((version & 0x80) == 0 ? " (unsigned)" : " (unsupported version)"));
    }
    AccountId signer =
        format == AddressFormat.MULTI_ADDRESS
            ? MultiAddress.decode(r).accountId()
            : new AccountId(r.readBytes(32));
    MultiSignature signature = MultiSignature.decode(r);
    Era era = Era.decode(r);
    int nonceAt = r.position();
    long nonce = r.readCompactLong();
    if (nonce > 0xffffffffL) {
      throw new ScaleException("nonce at offset " + nonceAt + " does not fit a u32: " + nonce);
    }
    int tipAt = r.position();
    BigInteger tip = r.readCompact();
    if (tip.bitLength() > 128) {
      throw new ScaleException("tip at offset " + tipAt + " does not fit a u128");
    }
    if (r.remaining() < 2) {
      throw new ScaleException("extrinsic ends at offset " + r.position() + " before its call");
    }
    return new SignedExtrinsic(signer, signature, era, nonce, tip, r.readBytes(r.remaining()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedExtrinsic e
        && signer.equals(e.signer)
        && signature.equals(e.signature)
        && era.equals(e.era)
        && nonce == e.nonce
        && tip.equals(e.tip)
        && Arrays.equals(call, e.call);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(call) * 31 + signature.hashCode();
  }

  @Override
  public String toString() {
    return "SignedExtrinsic[signer="
        + signer
        + ", "
        + signature.type()
        + ", era="
        + era
        + ", nonce="
        + nonce
        + ", tip="
        + tip
        + ", call="
        + Hex.encode(call)
        + "]";
  }
}
