package io.joysync.joystream.crypto.schnorrkel;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Schnorr signatures on ristretto255 as schnorrkel (and so Substrate's sr25519) defines them:
 * mini-secret expansion in Ed25519 mode, public keys, signatures in a signing context ("substrate"
 * for extrinsics), verification, and hierarchical derivation (hard junctions give a new mini
 * secret, soft junctions add a scalar that the public key alone can follow). Signatures are
 * randomized, as in schnorrkel; the nonce also commits to the secret nonce and the transcript, so a
 * weak random source alone cannot leak the key. Secret material is only ever held in {@link
 * SecretKey}, whose {@code toString} prints nothing secret.
 */
public final class Sr25519 {
  /** The signing context Substrate uses for sr25519 extrinsic and message signatures. */
  public static final byte[] SUBSTRATE_CONTEXT = "substrate".getBytes(StandardCharsets.US_ASCII);

  private static final SecureRandom RANDOM = new SecureRandom();

  private Sr25519() {}

  /** An expanded sr25519 secret: the scalar key and the 32-byte signing nonce seed. */
  public static final class SecretKey {
    private final Scalar key;
    private final byte[] nonce;
    private final byte[] publicKey;

    SecretKey(Scalar key, byte[] nonce) {
      this.key = key;
      this.nonce = nonce.clone();
      this.publicKey = Constants.RISTRETTO_GENERATOR_TABLE.multiply(key).compress().toByteArray();
    }

    byte[] keyBytes() {
      return key.toByteArray();
    }

    /** The compressed ristretto public key (32 bytes). */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public String toString() {
      return "Sr25519.SecretKey[public=" + hex(publicKey()) + "]";
    }
  }

  /** Expands a 32-byte mini secret as {@code MiniSecretKey::expand(ExpansionMode::Ed25519)}. */
  public static SecretKey expandMiniSecret(byte[] miniSecret) {
    if (miniSecret.length != 32) {
      throw new IllegalArgumentException(
          "sr25519 mini secret must be 32 bytes, got " + miniSecret.length);
    }
    byte[] h = sha512(miniSecret);
    byte[] key = Arrays.copyOfRange(h, 0, 32);
    key[0] &= (byte) 248;
    key[31] &= 63;
    key[31] |= 64;
    divideByCofactor(key);
    SecretKey sk = new SecretKey(Scalar.fromBytesModOrder(key), Arrays.copyOfRange(h, 32, 64));
    Arrays.fill(h, (byte) 0);
    Arrays.fill(key, (byte) 0);
    return sk;
  }

  private static void divideByCofactor(byte[] s) {
    int low = 0;
    for (int i = 31; i >= 0; i--) {
      int r = s[i] & 0b111;
      s[i] = (byte) (((s[i] & 0xff) >>> 3) + low);
      low = r << 5;
    }
  }

  /** Signs {@code message} in {@code context}; returns the 64-byte schnorrkel signature. */
  public static byte[] sign(SecretKey secret, byte[] context, byte[] message) {
    byte[] publicKey = secret.publicKey();
    MerlinTranscript t = signingTranscript(context, message);
    t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
    t.appendMessage("sign:pk", publicKey);
    Scalar r = Scalar.fromBytesModOrderWide(t.witnessBytes("signing", 64, RANDOM, secret.nonce));
    byte[] bigR = Constants.RISTRETTO_GENERATOR_TABLE.multiply(r).compress().toByteArray();
    t.appendMessage("sign:R", bigR);
    Scalar k = t.challengeScalar("sign:c");
    Scalar s = k.multiplyAndAdd(secret.key, r);
    byte[] out = new byte[64];
    System.arraycopy(bigR, 0, out, 0, 32);
    System.arraycopy(s.toByteArray(), 0, out, 32, 32);
    out[63] |= (byte) 0x80;
    return out;
  }

  /**
   * Verifies a schnorrkel signature. Returns false for any malformed input (wrong lengths, a
   * signature without the schnorrkel marker bit, non-canonical scalars, invalid points).
   */
  public static boolean verify(byte[] publicKey, byte[] context, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64 || (signature[63] & 0x80) == 0) {
      return false;
    }
    RistrettoElement a;
    try {
      a = new CompressedRistretto(publicKey).decompress();
    } catch (InvalidEncodingException | IllegalArgumentException e) {
      return false;
    }
    byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
    sBytes[31] &= 0x7f;
    Scalar s;
    try {
      s = Scalar.fromCanonicalBytes(sBytes);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] bigR = Arrays.copyOfRange(signature, 0, 32);
    MerlinTranscript t = signingTranscript(context, message);
    t.appendMessage("proto-name", "Schnorr-sig".getBytes(StandardCharsets.US_ASCII));
    t.appendMessage("sign:pk", publicKey);
    t.appendMessage("sign:R", bigR);
    Scalar k = t.challengeScalar("sign:c");
    RistrettoElement expected =
        Constants.RISTRETTO_GENERATOR_TABLE.multiply(s).subtract(a.multiply(k));
    return MessageDigest.isEqual(expected.compress().toByteArray(), bigR);
  }

  private static MerlinTranscript signingTranscript(byte[] context, byte[] message) {
    MerlinTranscript t = new MerlinTranscript("SigningContext");
    t.appendMessage("", context);
    t.appendMessage("sign-bytes", message);
    return t;
  }

  /** Hard derivation: a new mini secret from the secret scalar and the junction's chain code. */
  public static byte[] deriveHardMiniSecret(SecretKey secret, byte[] chainCode) {
    MerlinTranscript t = new MerlinTranscript("SchnorrRistrettoHDKD");
    t.appendMessage("sign-bytes", new byte[0]);
    t.appendMessage("chain-code", chainCode);
    byte[] keyBytes = secret.keyBytes();
    t.appendMessage("secret-key", keyBytes);
    Arrays.fill(keyBytes, (byte) 0);
    return t.challengeBytes("HDKD-hard", 32);
  }

  /** Soft derivation of a secret key; its public key equals {@link #deriveSoftPublic}. */
  public static SecretKey deriveSoft(SecretKey secret, byte[] chainCode) {
    MerlinTranscript t = new MerlinTranscript("SchnorrRistrettoHDKD");
    t.appendMessage("sign-bytes", new byte[0]);
    Scalar delta = softScalar(t, secret.publicKey(), chainCode);
    byte[] keyBytes = secret.keyBytes();
    byte[] nonce = t.witnessBytes("HDKD-nonce", 32, RANDOM, secret.nonce, keyBytes);
    Arrays.fill(keyBytes, (byte) 0);
    return new SecretKey(secret.key.add(delta), nonce);
  }

  /** Soft derivation of a public key (no secret needed). */
  public static byte[] deriveSoftPublic(byte[] publicKey, byte[] chainCode) {
    RistrettoElement a;
    try {
      a = new CompressedRistretto(publicKey).decompress();
    } catch (InvalidEncodingException e) {
      throw new IllegalArgumentException("not a valid sr25519 public key", e);
    }
    MerlinTranscript t = new MerlinTranscript("SchnorrRistrettoHDKD");
    t.appendMessage("sign-bytes", new byte[0]);
    Scalar delta = softScalar(t, publicKey, chainCode);
    return a.add(Constants.RISTRETTO_GENERATOR_TABLE.multiply(delta)).compress().toByteArray();
  }

  private static Scalar softScalar(MerlinTranscript t, byte[] publicKey, byte[] chainCode) {
    t.appendMessage("chain-code", chainCode);
    t.appendMessage("public-key", publicKey);
    Scalar delta = t.challengeScalar("HDKD-scalar");
    t.challengeBytes("HDKD-chaincode", 32);
    return delta;
  }

  private static byte[] sha512(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 missing from the JDK", e);
    }
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder("0x");
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
