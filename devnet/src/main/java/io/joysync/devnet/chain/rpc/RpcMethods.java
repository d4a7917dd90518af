package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.AccountId;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.StorageQuery;
import io.joysync.joystream.keys.Ss58;
import io.joysync.joystream.scale.Hex;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON-RPC methods of a Joystream node that the devnet serves, with their Substrate names and
 * aliases. Parameters are checked (-32602 with a reason) and results have the node's JSON shapes.
 */
public final class RpcMethods {
  /** A method body: takes the params array and the caller's session. */
  @FunctionalInterface
  interface Method {
    JsonNode call(JsonNode params, RpcSession session);
  }

  private final ObjectMapper json;
  private final ChainNode node;
  private final String chainName;
  private final String metadataHex;
  private final Map<String, Method> methods = new TreeMap<>();

  public RpcMethods(ObjectMapper json, ChainNode node, String chainName, String metadataHex) {
    this.json = json;
    this.node = node;
    this.chainName = chainName;
    this.metadataHex = metadataHex;
    register();
    new AuthorMethods(json, node).register(methods);
  }

  private void alias(Method m, String... names) {
    for (String n : names) {
      methods.put(n, m);
    }
  }

  private void register() {
    alias((p, s) -> text(chainName), "system_chain");
    alias((p, s) -> text("Joystream Node"), "system_name");
    alias((p, s) -> text("devnet"), "system_version");
    alias((p, s) -> text("Live"), "system_chainType");
    alias(
        (p, s) -> {
          ObjectNode o = json.createObjectNode();
          o.put("ss58Format", 126).put("tokenDecimals", 10).put("tokenSymbol", "JOY");
          return o;
        },
        "system_properties");
    alias(
        (p, s) -> {
          ObjectNode o = json.createObjectNode();
          o.put("peers", 0).put("isSyncing", false).put("shouldHavePeers", false);
          return o;
        },
        "system_health");
    alias(
        (p, s) -> json.getNodeFactory().numberNode(node.nextIndex(account(p, 0))),
        "system_accountNextIndex",
        "account_nextIndex");
    alias(this::blockHash, "chain_getBlockHash", "chain_getHead");
    alias(
        (p, s) -> text(node.finalizedBlock().hashHex()),
        "chain_getFinalizedHead",
        "chain_getFinalisedHead");
    alias(
        (p, s) -> at(p, 0).<JsonNode>map(b -> ChainJson.header(json, b)).orElse(nullNode()),
        "chain_getHeader");
    alias(
        (p, s) -> at(p, 0).<JsonNode>map(b -> ChainJson.block(json, b)).orElse(nullNode()),
        "chain_getBlock");
    alias(
        (p, s) -> ChainJson.runtimeVersion(json, node.runtime().identity()),
        "state_getRuntimeVersion",
        "chain_getRuntimeVersion");
    alias((p, s) -> text(metadataHex), "state_getMetadata");
    alias(this::storage, "state_getStorage", "state_getStorageAt");
    alias(
        (p, s) -> {
          Optional<byte[]> v = storageValue(p);
          return v.isPresent() ? json.getNodeFactory().numberNode(v.get().length) : nullNode();
        },
        "state_getStorageSize");
    alias(
        (p, s) -> subscription(s, "chain_newHead", "chain_unsubscribeNewHeads", node::onNewHead),
        "chain_subscribeNewHeads",
        "chain_subscribeNewHead",
        "subscribe_newHead",
        "chain_subscribeAllHeads");
    alias(
        (p, s) ->
            subscription(
                s, "chain_finalizedHead", "chain_unsubscribeFinalizedHeads", node::onFinalized),
        "chain_subscribeFinalizedHeads",
        "chain_subscribeFinalisedHeads");
    alias(
        this::unsubscribe,
        "chain_unsubscribeNewHeads",
        "chain_unsubscribeNewHead",
        "unsubscribe_newHead",
        "chain_unsubscribeAllHeads",
        "chain_unsubscribeFinalizedHeads",
        "chain_unsubscribeFinalisedHeads",
        "state_unsubscribeRuntimeVersion",
        "author_unwatchExtrinsic");
    alias(
        (p, s) -> {
          JsonNode version = ChainJson.runtimeVersion(json, node.runtime().identity());
          String id = s.subscribe(sub -> () -> {});
          s.notify("state_runtimeVersion", id, version);
          return text(id);
        },
        "state_subscribeRuntimeVersion",
        "chain_subscribeRuntimeVersion");
    alias(
        (p, s) -> {
          ObjectNode o = json.createObjectNode();
          o.put("version", 1);
          ArrayNode names = o.putArray("methods");
          methods.keySet().forEach(names::add);
          return o;
        },
        "rpc_methods");
  }

  /** Runs a method, or throws {@link RpcError}. */
  public JsonNode call(String method, JsonNode params, RpcSession session) {
    Method m = methods.get(method);
    if (m == null) {
      throw RpcError.methodNotFound();
    }
    JsonNode p = params == null || params.isNull() ? json.createArrayNode() : params;
    if (!p.isArray()) {
      throw RpcError.invalidParams("params must be an array");
    }
    try {
      return m.call(p, session);
    } catch (IllegalArgumentException e) {
      throw RpcError.invalidParams(e.getMessage());
    }
  }

  private JsonNode text(String s) {
    return json.getNodeFactory().textNode(s);
  }

  private JsonNode nullNode() {
    return json.getNodeFactory().nullNode();
  }

  private JsonNode subscription(
      RpcSession s,
      String notification,
      String unsubscribe,
      java.util.function.Function<java.util.function.Consumer<Block>, Runnable> source) {
    String id =
        s.subscribe(
            sub -> source.apply(b -> s.notify(notification, sub, ChainJson.header(json, b))));
    return text(id);
  }

  private JsonNode unsubscribe(JsonNode p, RpcSession s) {
    JsonNode id = p.path(0);
    if (!id.isTextual() && !id.isNumber()) {
      throw new IllegalArgumentException("expected a subscription id");
    }
    return json.getNodeFactory().booleanNode(s.unsubscribe(id.asText()));
  }

  private JsonNode blockHash(JsonNode p, RpcSession s) {
    JsonNode n = p.path(0);
    if (n.isMissingNode() || n.isNull()) {
      return text(node.best().hashHex());
    }
    long number;
    if (n.isIntegralNumber()) {
      number = n.asLong();
    } else if (n.isTextual() && n.asText().startsWith("0x")) {
      try {
        number = Long.parseLong(n.asText().substring(2), 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("block number is not a hex number: " + n.asText());
      }
    } else if (n.isArray()) {
      ArrayNode out = json.createArrayNode();
      for (JsonNode x : n) {
        ArrayNode one = json.createArrayNode().add(x);
        out.add(blockHash(one, s));
      }
      return out;
    } else {
      throw new IllegalArgumentException("block number must be a number or hex string");
    }
    return node.block(number).<JsonNode>map(b -> text(b.hashHex())).orElse(nullNode());
  }

  /** The block named by the optional hash parameter at {@code index} (best if absent). */
  Optional<Block> at(JsonNode p, int index) {
    JsonNode h = p.path(index);
    if (h.isMissingNode() || h.isNull()) {
      return Optional.of(node.best());
    }
    if (!h.isTextual()) {
      throw new IllegalArgumentException("block hash must be a hex string");
    }
    byte[] hash = Hex.decode(h.asText());
    if (hash.length != 32) {
      throw new IllegalArgumentException("block hash must be 32 bytes");
    }
    return node.block(Hex.encode(hash));
  }

  private Optional<byte[]> storageValue(JsonNode p) {
    JsonNode k = p.path(0);
    if (!k.isTextual()) {
      throw new IllegalArgumentException("storage key must be a hex string");
    }
    byte[] key = Hex.decode(k.asText());
    Optional<Block> block = at(p, 1);
    if (block.isEmpty()) {
      return Optional.empty();
    }
    return node.read(rt -> StorageQuery.read(rt.state(), block.get(), key));
  }

  private JsonNode storage(JsonNode p, RpcSession s) {
    return storageValue(p).<JsonNode>map(v -> text(Hex.encode(v))).orElse(nullNode());
  }

  AccountId account(JsonNode p, int index) {
    JsonNode a = p.path(index);
    if (!a.isTextual()) {
      throw new IllegalArgumentException("expected an SS58 address or 0x account id");
    }
    String s = a.asText();
    try {
      return s.startsWith("0x") ? AccountId.ofHex(s) : AccountId.of(Ss58.decode(s).publicKey());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid account: " + e.getMessage());
    }
  }
}
