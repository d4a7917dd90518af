package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the positional parameters of a Substrate RPC call. A malformed parameter is an {@link
 * IllegalArgumentException}, which the method table answers -32602 with the reason.
 */
final class RpcParams {
  private RpcParams() {}

  static boolean absent(JsonNode p, int index) {
    JsonNode n = p.path(index);
    return n.isMissingNode() || n.isNull();
  }

  /** Hex bytes at {@code index}. */
  static byte[] bytes(JsonNode p, int index, String what) {
    JsonNode n = p.path(index);
    if (!n.isTextual()) {
      throw new IllegalArgumentException(what + " must be a hex string");
    }
    return Hex.decode(n.asText());
  }

  /** Hex bytes at {@code index}, or null when absent. */
  static byte[] optionalBytes(JsonNode p, int index, String what) {
    return absent(p, index) ? null : bytes(p, index, what);
  }

  /** An array of hex storage keys at {@code index}. */
  static List<byte[]> keys(JsonNode p, int index) {
    JsonNode n = p.path(index);
    if (!n.isArray()) {
      throw new IllegalArgumentException("storage keys must be an array of hex strings");
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(bytes(n, i, "storage key"));
    }
    return out;
  }

  /** A block hash at {@code index}, or null when absent. */
  static byte[] blockHash(JsonNode p, int index) {
    byte[] hash = optionalBytes(p, index, "block hash");
    if (hash != null && hash.length != 32) {
      throw new IllegalArgumentException("block hash must be 32 bytes");
    }
    return hash;
  }

  /** The block named by the optional hash at {@code index}: the best block if absent. */
  static Optional<Block> block(ChainNode node, JsonNode p, int index) {
    byte[] hash = blockHash(p, index);
    return hash == null ? Optional.of(node.best()) : node.block(Hex.encode(hash));
  }

  /** An SS58 address or a 0x-prefixed account id at {@code index}. */
  static AccountId account(JsonNode p, int index) {
    JsonNode a = p.path(index);
    if (!a.isTextual()) {
      throw new IllegalArgumentException("expected an SS58 address or 0x account id");
    }
    String s = a.asText();
    try {
      return AccountId.parse(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid account: " + e.getMessage());
    }
  }

  /** A non-negative u32 number at {@code index}. */
  static long u32(JsonNode p, int index, String what) {
    JsonNode n = p.path(index);
    if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " must be a u32 number");
    }
    return n.asLong();
  }
}
