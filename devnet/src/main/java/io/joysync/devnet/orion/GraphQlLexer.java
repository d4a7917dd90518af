package io.joysync.devnet.orion;

import java.math.BigDecimal;

/**
 * Tokenizer for GraphQL documents: punctuators, names, numbers, strings (with escapes and block
 * strings); commas, whitespace and comments are ignored. Reports the position of an unexpected
 * character.
 */
final class GraphQlLexer {
  private static final int MAX_LENGTH = 100_000;

  private final String s;
  private int i;

  GraphQlLexer(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new GraphQlException("Query is too large.");
    }
    this.s = text;
  }

  private void skip() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
        i++;
      } else {
        return;
      }
    }
  }

  boolean atEnd() {
    skip();
    return i >= s.length();
  }

  boolean peekIs(String punct) {
    skip();
    return s.startsWith(punct, i);
  }

  boolean peekName() {
    skip();
    return i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_');
  }

  boolean peekNameIs(String name) {
    skip();
    int save = i;
    String n = name();
    i = save;
    return n.equals(name);
  }

  void expect(String punct) {
    if (!peekIs(punct)) {
      throw error("Expected \"" + punct + "\"");
    }
    i += punct.length();
  }

  void expectName(String name) {
    String n = name();
    if (!n.equals(name)) {
      throw new GraphQlException(
          "Syntax Error: Expected \"" + name + "\", found Name \"" + n + "\".");
    }
  }

  String name() {
    if (!peekName()) {
      throw error("Expected Name");
    }
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return s.substring(start, i);
  }

  /** A scalar literal: number, string, true/false/null or an enum value. */
  Object scalar() {
    skip();
    if (i >= s.length()) {
      throw error("Unexpected <EOF>");
    }
    char c = s.charAt(i);
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = i++;
      while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      try {
        return new BigDecimal(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw error("Invalid number");
      }
    }
    String n = name();
    return switch (n) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> new GraphQlDocument.EnumValue(n);
    };
  }

  private String string() {
    if (s.startsWith("\"\"\"", i)) {
      int end = s.indexOf("\"\"\"", i + 3);
      if (end < 0) {
        throw error("Unterminated string");
      }
      String v = s.substring(i + 3, end).strip();
      i = end + 3;
      return v;
    }
    i++;
    StringBuilder sb = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\n') {
        break;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= s.length()) {
        break;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("Invalid escape");
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("Invalid escape");
          }
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    throw error("Unterminated string");
  }

  private GraphQlException error(String what) {
    return new GraphQlException("Syntax Error: " + what + " at position " + i + ".");
  }
}
