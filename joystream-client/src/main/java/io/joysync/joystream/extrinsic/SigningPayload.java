package io.joysync.joystream.extrinsic;

import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.List;

/**
 * What a v4 signature covers, in Joystream's signed-extension order: call ‖ era ‖ compact nonce ‖
 * compact tip (the "extra") ‖ spec version u32 ‖ transaction version u32 ‖ genesis hash ‖ era
 * birth-block hash (the "additional signed"; the birth hash is the genesis hash when immortal).
 * CheckNonZeroSender and CheckWeight add no bytes. Payloads longer than 256 bytes are signed as
 * their blake2b-256.
 */
public final class SigningPayload {
  /** The runtime's signed extensions, in the order their bytes appear. */
  public static final List<String> SIGNED_EXTENSIONS =
      List.of(
          "CheckNonZeroSender",
          "CheckSpecVersion",
          "CheckTxVersion",
          "CheckGenesis",
          "CheckMortality",
          "CheckNonce",
          "CheckWeight",
          "ChargeTransactionPayment");

  /** Payloads above this size are hashed before signing. */
  public static final int HASH_THRESHOLD = 256;

  private SigningPayload() {}

  /** The full payload bytes. */
  public static byte[] encode(
      byte[] call, Era era, long nonce, BigInteger tip, ChainIdentity chain, byte[] eraBlockHash) {
    ScaleWriter w = new ScaleWriter(call.length + 128);
    w.writeBytes(call);
    era.encode(w);
    w.writeCompact(nonce).writeCompact(tip);
    w.writeU32(chain.specVersion()).writeU32(chain.transactionVersion());
    byte[] genesis = chain.genesisHash();
    w.writeBytes(genesis);
    w.writeBytes(era instanceof Era.Mortal ? requireHash(eraBlockHash) : genesis);
    return w.toByteArray();
  }

  public static byte[] encode(byte[] call, TransactionParams params, ChainIdentity chain) {
    return encode(call, params.era(), params.nonce(), params.tip(), chain, params.eraBlockHash());
  }

  /** The bytes the key signs: the payload, or its blake2b-256 when longer than 256 bytes. */
  public static byte[] toSign(byte[] payload) {
    return payload.length > HASH_THRESHOLD ? Blake2b.hash256(payload) : payload;
  }

  private static byte[] requireHash(byte[] hash) {
    if (hash == null || hash.length != 32) {
      throw new IllegalArgumentException("a mortal era needs the 32-byte hash of its birth block");
    }
    return hash;
  }
}
