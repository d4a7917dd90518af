package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.StorageChange;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code state_subscribeStorage} as a Substrate node serves it: the first {@code state_storage}
 * notification carries every watched key's value at the best block (null when absent), then each
 * new block that wrote a watched key sends those keys' new values. Without keys the subscription
 * follows every change (a node allows that to local callers only). System.Events is written by
 * every block, so a watcher of it hears of every block.
 */
final class StorageSubscription {
  private static final String NOTIFICATION = "state_storage";

  private final ObjectMapper json;
  private final ChainNode node;
  private final StorageChangeSets sets;

  StorageSubscription(ObjectMapper json, ChainNode node, StorageChangeSets sets) {
    this.json = json;
    this.node = node;
    this.sets = sets;
  }

  void register(Map<String, RpcMethods.Method> methods) {
    methods.put("state_subscribeStorage", this::subscribe);
  }

  private JsonNode subscribe(JsonNode p, RpcSession s) {
    Map<String, byte[]> watched = null;
    if (!RpcParams.absent(p, 0)) {
      watched = new LinkedHashMap<>();
      for (byte[] key : RpcParams.keys(p, 0)) {
        watched.putIfAbsent(Hex.encode(key), key);
      }
    }
    Map<String, byte[]> keys = watched;
    String id =
        s.subscribe(
            sub ->
                node.onStorageChanges(
                    best -> notify(s, sub, best, initial(best, keys)),
                    (block, changes) -> notify(s, sub, block, changed(changes, keys))));
    return json.getNodeFactory().textNode(id);
  }

  private List<ArrayNode> initial(Block best, Map<String, byte[]> keys) {
    List<ArrayNode> pairs = new ArrayList<>();
    if (keys != null) {
      node.read(
          rt -> {
            keys.forEach(
                (hex, key) ->
                    pairs.add(
                        sets.change(hex, StorageQuery.read(rt.state(), best, key).orElse(null))));
            return null;
          });
    }
    return pairs;
  }

  private List<ArrayNode> changed(List<StorageChange> changes, Map<String, byte[]> keys) {
    List<ArrayNode> pairs = new ArrayList<>();
    for (StorageChange c : changes) {
      String hex = Hex.encode(c.key());
      if (keys == null || keys.containsKey(hex)) {
        pairs.add(sets.change(hex, c.value()));
      }
    }
    return pairs;
  }

  private void notify(RpcSession s, String sub, Block block, List<ArrayNode> pairs) {
    if (!pairs.isEmpty()) {
      s.notify(NOTIFICATION, sub, sets.set(block, pairs));
    }
  }
}
