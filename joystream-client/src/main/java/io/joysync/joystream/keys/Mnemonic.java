package io.joysync.joystream.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP39 English mnemonics the Substrate way: the phrase is checked (word list and checksum) and
 * turned back into its entropy, and the 32-byte mini secret is the first half of
 * PBKDF2-HMAC-SHA512(entropy, "mnemonic" + password, 2048). Unlike standard BIP39 the PBKDF2 input
 * is the entropy, not the phrase text. Errors never echo the phrase.
 */
public final class Mnemonic {
  /** The well-known Substrate development phrase (keys //Alice, //Bob, ...). Not a secret. */
  public static final String DEV_PHRASE =
      "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

  private static final String[] WORDS = loadWords();
  private static final Map<String, Integer> INDEX = indexWords();

  private Mnemonic() {}

  /** Returns the entropy (16..32 bytes) the phrase encodes, after checking its checksum. */
  public static byte[] toEntropy(String phrase) {
    String[] words = Normalizer.normalize(phrase, Normalizer.Form.NFKD).trim().split("\\s+");
    int n = words.length;
    if (n < 12 || n > 24 || n % 3 != 0) {
      throw new KeyException("a mnemonic has 12, 15, 18, 21 or 24 words; this one has " + n);
    }
    int bits = n * 11;
    byte[] packed = new byte[(bits + 7) / 8];
    for (int i = 0; i < n; i++) {
      Integer idx = INDEX.get(words[i]);
      if (idx == null) {
        throw new KeyException("mnemonic word " + (i + 1) + " is not in the BIP39 English list");
      }
      for (int b = 0; b < 11; b++) {
        if ((idx & (1 << (10 - b))) != 0) {
          int pos = i * 11 + b;
          packed[pos / 8] |= (byte) (0x80 >>> (pos % 8));
        }
      }
    }
    int checksumBits = bits / 33;
    int entropyBytes = (bits - checksumBits) / 8;
    byte[] entropy = Arrays.copyOf(packed, entropyBytes);
    int expected = (sha256(entropy)[0] & 0xff) >>> (8 - checksumBits);
    int actual = 0;
    for (int b = 0; b < checksumBits; b++) {
      int pos = entropyBytes * 8 + b;
      actual = (actual << 1) | ((packed[pos / 8] >>> (7 - pos % 8)) & 1);
    }
    Arrays.fill(packed, (byte) 0);
    if (expected != actual) {
      Arrays.fill(entropy, (byte) 0);
      throw new KeyException("mnemonic checksum does not match (a word is wrong or misplaced)");
    }
    return entropy;
  }

  /** The 64-byte PBKDF2-HMAC-SHA512 output over the entropy with salt "mnemonic" + password. */
  public static byte[] seed64(String phrase, String password) {
    byte[] entropy = toEntropy(phrase);
    byte[] salt =
        ("mnemonic" + Normalizer.normalize(password, Normalizer.Form.NFKD))
            .getBytes(StandardCharsets.UTF_8);
    PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
    gen.init(entropy, salt, 2048);
    byte[] out = ((KeyParameter) gen.generateDerivedParameters(512)).getKey();
    Arrays.fill(entropy, (byte) 0);
    return out;
  }

  /** The 32-byte mini secret (ed25519 seed, sr25519 mini secret key) of a phrase and password. */
  public static byte[] miniSecret(String phrase, String password) {
    byte[] seed = seed64(phrase, password);
    byte[] mini = Arrays.copyOf(seed, 32);
    Arrays.fill(seed, (byte) 0);
    return mini;
  }

  /** True if the phrase is a valid BIP39 English mnemonic. */
  public static boolean isValid(String phrase) {
    try {
      Arrays.fill(toEntropy(phrase), (byte) 0);
      return true;
    } catch (KeyException e) {
      return false;
    }
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static String[] loadWords() {
    try (InputStream in = Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
      if (in == null) {
        throw new IllegalStateException("bip39-english.txt missing from the classpath");
      }
      String[] words =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .lines()
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toArray(String[]::new);
      if (words.length != 2048) {
        throw new IllegalStateException("BIP39 word list has " + words.length + " words");
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Integer> indexWords() {
    Map<String, Integer> m = new HashMap<>(4096);
    for (int i = 0; i < WORDS.length; i++) {
      m.put(WORDS[i], i);
    }
    return m;
  }
}
