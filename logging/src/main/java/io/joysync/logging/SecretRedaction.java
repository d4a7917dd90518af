package io.joysync.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret-looking values in a log line by {@code <redacted>} before it is written anywhere:
 * values named like a secret ({@code token=…}, {@code "apiKey":"…"}, {@code password: …}, {@code
 * signature=…}), authorization headers, credentials in URLs, Discord webhook tokens, and values
 * shaped like a secret whatever their name (JSON web tokens, Google OAuth tokens and API keys,
 * 64-byte hex strings such as signatures). It works on the encoded JSON line, so it never consumes
 * a quote or a backslash and the line stays valid JSON. Hashes (32 bytes of hex: block, extrinsic
 * and content hashes) are kept: operators search for them.
 */
public final class SecretRedaction {

  static final String REDACTED = "<redacted>";

  /** A name that holds a secret, as a whole word or the end of a longer name. */
  private static final String SECRET_NAME =
      "[\\w.-]*(?:token|secret|password|passwd|passphrase|key|key[_-]?uri|mnemonic|seed"
          + "|signature|authorization|authorization[_-]?code|credentials?|cookie)";

  private static final Pattern NAMED_VALUE =
      Pattern.compile(
          "(?i)(\\b"
              + SECRET_NAME
              + ")((?:\\\\?\")?\\s*[:=]\\s*(?:\\\\?\")?)"
              + "((?:(?:bearer|basic)\\s+)?[^\\s\"\\\\,;&}]+)");

  private static final List<Pattern> SHAPES =
      List.of(
          // Authorization: Bearer … / Basic …
          Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)([A-Za-z0-9._~+/=-]{8,})"),
          // https://user:password@host
          Pattern.compile("(://[^/\\s:@\"\\\\]+:)([^/\\s@\"\\\\]+)(?=@)"),
          // https://discord.com/api/webhooks/<id>/<token>
          Pattern.compile("(?i)(/api/webhooks/\\d+/)([\\w-]+)"));

  private static final Pattern WHOLE_SECRETS =
      Pattern.compile(
          "\\beyJ[\\w-]{4,}\\.[\\w-]{4,}\\.[\\w-]+" // JSON web tokens
              + "|\\bya29\\.[\\w.-]+" // Google access tokens
              + "|\\b1//[\\w-]{20,}" // Google refresh tokens
              + "|\\bAIza[\\w-]{30,}" // Google API keys
              + "|\\b(?:0x)?[0-9a-fA-F]{128,}\\b"); // 64 bytes of hex and more: signatures

  private SecretRedaction() {}

  /** The line with every secret-looking value replaced; the line itself when there is none. */
  public static String redact(String line) {
    String out = replaceNamed(line);
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
    }
    return WHOLE_SECRETS.matcher(out).replaceAll(REDACTED);
  }

  private static String replaceNamed(String line) {
    Matcher m = NAMED_VALUE.matcher(line);
    if (!m.find()) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    do {
      String value = m.group(3);
      String replacement = value.equals(REDACTED) ? m.group() : m.group(1) + m.group(2) + REDACTED;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }
}
