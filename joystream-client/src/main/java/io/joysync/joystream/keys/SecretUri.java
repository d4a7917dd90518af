package io.joysync.joystream.keys;

import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Substrate secret URI: {@code [phrase | 0x<32-byte seed>][//hard|/soft]*[///password]}. An empty
 * phrase means the development phrase (so "//Alice" is the dev account). The record keeps the
 * secret part, so its {@code toString} hides it; only the path is shown.
 */
public record SecretUri(String secret, List<DeriveJunction> path, Optional<String> password) {
  private static final Pattern URI =
      Pattern.compile("^([\\w ]+)?((//?[^/]+)*)(///(.*))?$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern JUNCTION = Pattern.compile("/(/?)([^/]+)");

  public SecretUri {
    path = List.copyOf(path);
  }

  /** Parses a URI; fails with a {@link KeyException} that does not repeat the secret. */
  public static SecretUri parse(String uri) {
    Matcher m = URI.matcher(uri);
    if (!m.matches()) {
      throw new KeyException("not a valid secret URI (expected phrase//hard/soft///password)");
    }
    String phrase = m.group(1) == null ? Mnemonic.DEV_PHRASE : m.group(1).trim();
    List<DeriveJunction> junctions = new ArrayList<>();
    Matcher j = JUNCTION.matcher(m.group(2) == null ? "" : m.group(2));
    while (j.find()) {
      junctions.add(DeriveJunction.of(j.group(2), !j.group(1).isEmpty()));
    }
    return new SecretUri(phrase, junctions, Optional.ofNullable(m.group(5)));
  }

  /** True if the secret is a 0x-prefixed raw seed instead of a mnemonic. */
  public boolean isRawSeed() {
    return secret.startsWith("0x");
  }

  /**
   * The 32-byte starting seed: the raw hex seed, or the mnemonic's mini secret with the password.
   */
  public byte[] seed() {
    if (isRawSeed()) {
      byte[] seed;
      try {
        seed = Hex.decode(secret);
      } catch (IllegalArgumentException e) {
        throw new KeyException("raw seed in secret URI is not valid hex");
      }
      if (seed.length != 32) {
        throw new KeyException("raw seed in secret URI must be 32 bytes, got " + seed.length);
      }
      if (password.isPresent()) {
        throw new KeyException("a raw seed URI cannot carry a password");
      }
      return seed;
    }
    return Mnemonic.miniSecret(secret, password.orElse(""));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SecretUri[secret=<hidden>, path=");
    path.forEach(sb::append);
    return sb.append(password.isPresent() ? ", password=<hidden>]" : "]").toString();
  }
}
