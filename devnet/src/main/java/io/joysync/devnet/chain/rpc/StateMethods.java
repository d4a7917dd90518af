package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.Hashing;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.joystream.scale.Hex;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state API's storage reads as a Substrate node of Joystream's era answers them: single reads
 * (value, hash, size), key listings (all at once or paged, at most 1,000 a page), several keys at
 * one block ({@code state_queryStorageAt}), changes over a block range ({@code
 * state_queryStorage}), and storage subscriptions (see {@link StorageSubscription}). Every read
 * takes an optional block hash; the best block when absent.
 */
final class StateMethods {
  private static final int KEYS_PAGED_MAX = 1000;

  private final ObjectMapper json;
  private final ChainNode node;
  private final StorageChangeSets sets;

  StateMethods(ObjectMapper json, ChainNode node) {
    this.json = json;
    this.node = node;
    this.sets = new StorageChangeSets(json, node);
  }

  void register(Map<String, RpcMethods.Method> methods) {
    RpcMethods.alias(methods, this::storage, "state_getStorage", "state_getStorageAt");
    RpcMethods.alias(methods, this::storageHash, "state_getStorageHash", "state_getStorageHashAt");
    RpcMethods.alias(methods, this::storageSize, "state_getStorageSize", "state_getStorageSizeAt");
    RpcMethods.alias(methods, this::keys, "state_getKeys");
    RpcMethods.alias(methods, this::keysPaged, "state_getKeysPaged", "state_getKeysPagedAt");
    RpcMethods.alias(methods, this::pairs, "state_getPairs");
    RpcMethods.alias(
        methods, (p, s) -> sets.at(RpcParams.keys(p, 0), p, 1), "state_queryStorageAt");
    RpcMethods.alias(
        methods, (p, s) -> sets.range(RpcParams.keys(p, 0), p, 1, 2), "state_queryStorage");
    new StorageSubscription(json, node, sets).register(methods);
  }

  /** The value at the key and block of params {@code [key, hash?]}; empty for unknown blocks. */
  private Optional<byte[]> value(JsonNode p) {
    byte[] key = RpcParams.bytes(p, 0, "storage key");
    Optional<Block> block = RpcParams.block(node, p, 1);
    if (block.isEmpty()) {
      return Optional.empty();
    }
    return node.read(rt -> StorageQuery.read(rt.state(), block.get(), key));
  }

  private JsonNode storage(JsonNode p, RpcSession s) {
    return value(p).<JsonNode>map(v -> text(Hex.encode(v))).orElse(nullNode());
  }

  private JsonNode storageHash(JsonNode p, RpcSession s) {
    return value(p).<JsonNode>map(v -> text(Hex.encode(Hashing.blake2b256(v)))).orElse(nullNode());
  }

  /** The value's length, or else the total length of the values under that key as a prefix. */
  private JsonNode storageSize(JsonNode p, RpcSession s) {
    byte[] key = RpcParams.bytes(p, 0, "storage key");
    Optional<Block> at = RpcParams.block(node, p, 1);
    if (at.isEmpty()) {
      return nullNode();
    }
    Block block = at.get();
    long size =
        node.read(
            rt -> {
              Optional<byte[]> value = StorageQuery.read(rt.state(), block, key);
              if (value.isPresent()) {
                return (long) value.get().length;
              }
              return rt.state().storageKeys(key, null, Integer.MAX_VALUE, block.number()).stream()
                  .mapToLong(
                      k -> StorageQuery.read(rt.state(), block, k).map(v -> v.length).orElse(0))
                  .sum();
            });
    return size == 0 ? nullNode() : json.getNodeFactory().numberNode(size);
  }

  private List<byte[]> keyList(byte[] prefix, byte[] after, int limit, Block block) {
    return node.read(rt -> rt.state().storageKeys(prefix, after, limit, block.number()));
  }

  private JsonNode keys(JsonNode p, RpcSession s) {
    byte[] prefix = RpcParams.bytes(p, 0, "key prefix");
    Block block = sets.block(p, 1);
    return hexArray(keyList(prefix, null, Integer.MAX_VALUE, block));
  }

  /** Up to {@code count} keys under the prefix strictly after the start key (or the prefix). */
  private JsonNode keysPaged(JsonNode p, RpcSession s) {
    byte[] prefix = RpcParams.absent(p, 0) ? new byte[0] : RpcParams.bytes(p, 0, "key prefix");
    long count = RpcParams.u32(p, 1, "count");
    if (count > KEYS_PAGED_MAX) {
      throw new RpcError(
          4002, "count exceeds maximum value. value: " + count + ", max: " + KEYS_PAGED_MAX, null);
    }
    byte[] start = RpcParams.optionalBytes(p, 2, "start key");
    Block block = sets.block(p, 3);
    return hexArray(keyList(prefix, start == null ? prefix : start, (int) count, block));
  }

  private JsonNode pairs(JsonNode p, RpcSession s) {
    byte[] prefix = RpcParams.bytes(p, 0, "key prefix");
    Block block = sets.block(p, 1);
    ArrayNode out = json.createArrayNode();
    node.read(
        rt -> {
          for (byte[] k : rt.state().storageKeys(prefix, null, Integer.MAX_VALUE, block.number())) {
            StorageQuery.read(rt.state(), block, k)
                .ifPresent(v -> out.addArray().add(Hex.encode(k)).add(Hex.encode(v)));
          }
          return null;
        });
    return out;
  }

  private ArrayNode hexArray(List<byte[]> keys) {
    ArrayNode out = json.createArrayNode();
    keys.forEach(k -> out.add(Hex.encode(k)));
    return out;
  }

  private JsonNode text(String s) {
    return json.getNodeFactory().textNode(s);
  }

  private JsonNode nullNode() {
    return json.getNodeFactory().nullNode();
  }
}
