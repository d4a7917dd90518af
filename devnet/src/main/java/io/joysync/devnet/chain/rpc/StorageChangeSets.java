package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Substrate's StorageChangeSet JSON, {@code {"block": hash, "changes": [[key, value or null],
 * ...]}}, for several keys read at one block or followed over a range of blocks: the first set
 * holds every key (a key named twice once), later sets only the keys whose value changed, and sets
 * without changes are left out. Unknown blocks are the node's client errors.
 */
final class StorageChangeSets {
  private final ObjectMapper json;
  private final ChainNode node;

  StorageChangeSets(ObjectMapper json, ChainNode node) {
    this.json = json;
    this.node = node;
  }

  /** The block named by the optional hash at {@code index}, or the node's unknown-block error. */
  Block block(JsonNode p, int index) {
    byte[] hash = RpcParams.blockHash(p, index);
    return RpcParams.block(node, p, index).orElseThrow(() -> unknownBlock(hash));
  }

  private static RpcError unknownBlock(byte[] hash) {
    return new RpcError(
        4003, "Client error: UnknownBlock: State already discarded for " + Hex.encode(hash), null);
  }

  /** {@code state_queryStorageAt}: one set with every key's value at the block. */
  ArrayNode at(List<byte[]> keys, JsonNode p, int blockIndex) {
    Block block = rangeEnd(p, blockIndex, null);
    return changes(keys, List.of(block));
  }

  /**
   * {@code state_queryStorage}: the keys' values at {@code from}, then their changes to {@code to}.
   */
  ArrayNode range(List<byte[]> keys, JsonNode p, int fromIndex, int toIndex) {
    if (RpcParams.absent(p, fromIndex)) {
      throw new IllegalArgumentException("the first block of the range is required");
    }
    Block from = rangeEnd(p, fromIndex, null);
    Block to = rangeEnd(p, toIndex, from);
    if (from.number() > to.number()) {
      throw new RpcError(
          4001,
          "Cannot resolve a block range ['"
              + from.number()
              + " ("
              + from.hashHex()
              + ")' ... '"
              + to.number()
              + " ("
              + to.hashHex()
              + ")]. from number > to number",
          null);
    }
    List<Block> blocks = new ArrayList<>();
    for (long n = from.number(); n <= to.number(); n++) {
      blocks.add(node.block(n).orElseThrow());
    }
    return changes(keys, blocks);
  }

  private Block rangeEnd(JsonNode p, int index, Block from) {
    byte[] hash = RpcParams.blockHash(p, index);
    Optional<Block> block = RpcParams.block(node, p, index);
    if (block.isPresent()) {
      return block.get();
    }
    String fromText = from == null ? Hex.encode(hash) : from.hashHex();
    throw new RpcError(
        4001,
        "Cannot resolve a block range ['"
            + fromText
            + "' ... 'Some("
            + Hex.encode(hash)
            + ")]. UnknownBlock: header not found in db: "
            + Hex.encode(hash),
        null);
  }

  private ArrayNode changes(List<byte[]> keys, List<Block> blocks) {
    ArrayNode out = json.createArrayNode();
    node.read(
        rt -> {
          Map<String, Optional<byte[]>> last = new HashMap<>();
          for (Block block : blocks) {
            ObjectNode set = json.createObjectNode();
            set.put("block", block.hashHex());
            ArrayNode changes = set.putArray("changes");
            for (byte[] key : keys) {
              String hex = Hex.encode(key);
              Optional<byte[]> value = StorageQuery.read(rt.state(), block, key);
              Optional<byte[]> before = last.put(hex, value);
              if (before == null || !sameValue(before, value)) {
                changes.add(change(hex, value.orElse(null)));
              }
            }
            if (!changes.isEmpty()) {
              out.add(set);
            }
          }
          return null;
        });
    return out;
  }

  private static boolean sameValue(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }

  /** One {@code [key, value or null]} pair. */
  ArrayNode change(String keyHex, byte[] value) {
    ArrayNode pair = json.createArrayNode().add(keyHex);
    if (value == null) {
      pair.addNull();
    } else {
      pair.add(Hex.encode(value));
    }
    return pair;
  }

  /** A set for one block from pairs already chosen. */
  ObjectNode set(Block block, List<ArrayNode> pairs) {
    ObjectNode set = json.createObjectNode();
    set.put("block", block.hashHex());
    set.putArray("changes").addAll(pairs);
    return set;
  }
}
