package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.Locale;

/** Checked reads of the node's JSON values: a missing or mistyped field is a protocol error. */
final class JsonShapes {
  private JsonShapes() {}

  static JsonNode field(JsonNode node, String name, String what) {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || v.isNull()) {
      throw new RpcProtocolException(what + ": field \"" + name + "\" missing in " + node);
    }
    return v;
  }

  static String text(JsonNode node, String name, String what) {
    JsonNode v = field(node, name, what);
    if (!v.isTextual()) {
      throw new RpcProtocolException(what + ": field \"" + name + "\" is not a string: " + v);
    }
    return v.asText();
  }

  static long number(JsonNode node, String name, String what) {
    return unsigned(field(node, name, what), what + "." + name).longValueExact();
  }

  /** A JSON number, a decimal string or a 0x hex string (header numbers are hex strings). */
  static BigInteger unsigned(JsonNode v, String what) {
    try {
      if (v.isIntegralNumber()) {
        return v.bigIntegerValue();
      }
      if (v.isTextual()) {
        String s = v.asText();
        return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
      }
    } catch (NumberFormatException e) {
      throw new RpcProtocolException(what + " is not a number: " + v, e);
    }
    throw new RpcProtocolException(what + " is not a number: " + v);
  }

  /** A 32-byte hash as lower-case 0x hex. */
  static String hash(String hex, String what) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new RpcProtocolException(what + " is not hex: " + e.getMessage(), e);
    }
    if (bytes.length != 32 || !hex.startsWith("0x")) {
      throw new RpcProtocolException(what + " is not a 0x-prefixed 32-byte hash: " + hex);
    }
    return hex.toLowerCase(Locale.ROOT);
  }

  static byte[] bytes(JsonNode v, String what) {
    if (!v.isTextual() || !v.asText().startsWith("0x")) {
      throw new RpcProtocolException(what + " is not a 0x hex string");
    }
    try {
      return Hex.decode(v.asText());
    } catch (IllegalArgumentException e) {
      throw new RpcProtocolException(what + " is not hex: " + e.getMessage(), e);
    }
  }
}
