package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The JSON-RPC methods of a Joystream node that the devnet serves, with their Substrate names and
 * aliases: the chain API, metadata and runtime version, and {@code rpc_methods} here; the system,
 * state and author APIs in their own classes. Parameters are checked (-32602 with a reason) and
 * results have the node's JSON shapes.
 */
public final class RpcMethods {
  /** A method body: takes the params array and the caller's session. */
  @FunctionalInterface
  interface Method {
    JsonNode call(JsonNode params, RpcSession session);
  }

  private final ObjectMapper json;
  private final ChainNode node;
  private final String metadataHex;
  private final Map<String, Method> methods = new TreeMap<>();

  public RpcMethods(ObjectMapper json, ChainNode node, String chainName, String metadataHex) {
    this.json = json;
    this.node = node;
    this.metadataHex = metadataHex;
    register();
    new SystemMethods(json, node, chainName).register(methods);
    new StateMethods(json, node).register(methods);
    new AuthorMethods(json, node).register(methods);
  }

  /** Registers a method under its name and aliases. */
  static void alias(Map<String, Method> methods, Method m, String... names) {
    for (String n : names) {
      methods.put(n, m);
    }
  }

  private void alias(Method m, String... names) {
    alias(methods, m, names);
  }

  private void register() {
    alias(this::blockHash, "chain_getBlockHash", "chain_getHead");
    alias(
        (p, s) -> text(node.finalizedBlock().hashHex()),
        "chain_getFinalizedHead",
        "chain_getFinalisedHead");
    alias(
        (p, s) ->
            RpcParams.block(node, p, 0)
                .<JsonNode>map(b -> ChainJson.header(json, b))
                .orElse(nullNode()),
        "chain_getHeader");
    alias(
        (p, s) ->
            RpcParams.block(node, p, 0)
                .<JsonNode>map(b -> ChainJson.block(json, b))
                .orElse(nullNode()),
        "chain_getBlock");
    alias(
        (p, s) ->
            RpcParams.block(node, p, 0)
                .<JsonNode>map(b -> ChainJson.runtimeVersion(json, node.runtimeVersion(b)))
                .orElseThrow(
                    () ->
                        new RpcError(
                            4003,
                            "Client error: UnknownBlock: State already discarded for "
                                + p.path(0).asText(),
                            null)),
        "state_getRuntimeVersion",
        "chain_getRuntimeVersion");
    alias((p, s) -> text(metadataHex), "state_getMetadata");
    alias(
        (p, s) -> headSubscription(s, "chain_newHead", node::onNewHead),
        "chain_subscribeNewHeads",
        "chain_subscribeNewHead",
        "subscribe_newHead");
    alias(
        (p, s) -> headSubscription(s, "chain_allHead", node::onNewHead), "chain_subscribeAllHeads");
    alias(
        (p, s) -> headSubscription(s, "chain_finalizedHead", node::onFinalized),
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
        "chain_unsubscribeRuntimeVersion",
        "state_unsubscribeStorage",
        "author_unwatchExtrinsic");
    alias(
        this::runtimeVersionSubscription,
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

  private JsonNode headSubscription(
      RpcSession s, String notification, Function<Consumer<Block>, Runnable> source) {
    String id =
        s.subscribe(
            sub -> source.apply(b -> s.notify(notification, sub, ChainJson.header(json, b))));
    return text(id);
  }

  /**
   * The best block's runtime version at once, then again with each new best block whose version
   * differs (the block that enacted a runtime upgrade), as a node notifies.
   */
  private JsonNode runtimeVersionSubscription(JsonNode p, RpcSession s) {
    java.util.concurrent.atomic.AtomicReference<io.joysync.devnet.chain.ChainIdentity> last =
        new java.util.concurrent.atomic.AtomicReference<>(node.runtimeVersion(node.best()));
    String id =
        s.subscribe(
            sub ->
                node.onNewHead(
                    b -> {
                      io.joysync.devnet.chain.ChainIdentity now = node.runtimeVersion(b);
                      if (last.getAndSet(now) != now) {
                        s.notify("state_runtimeVersion", sub, ChainJson.runtimeVersion(json, now));
                      }
                    }));
    s.notify("state_runtimeVersion", id, ChainJson.runtimeVersion(json, last.get()));
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
}
