package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.rpc.ChainTypes.Block;
import io.joysync.joystream.rpc.ChainTypes.ChainProperties;
import io.joysync.joystream.rpc.ChainTypes.FeeInfo;
import io.joysync.joystream.rpc.ChainTypes.Header;
import io.joysync.joystream.rpc.ChainTypes.RuntimeVersion;
import io.joysync.joystream.rpc.ChainTypes.SystemHealth;
import io.joysync.joystream.rpc.SubscriptionRequest.Overflow;
import io.joysync.joystream.scale.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Typed calls for the node methods a Joystream client uses (section 5 of the protocol notes), on
 * top of {@link RpcClient}. Block hashes are 0x hex strings; a null {@code at} means the best
 * block. Answers of the wrong shape fail with {@link RpcProtocolException}; pool rejections of
 * submitted extrinsics with {@link TransactionPoolException}.
 */
public final class JoystreamRpc implements AutoCloseable {
  private final RpcClient client;

  public JoystreamRpc(RpcClient client) {
    this.client = client;
  }

  public static JoystreamRpc connect(RpcSettings settings) {
    return new JoystreamRpc(RpcClient.connect(settings));
  }

  public RpcClient client() {
    return client;
  }

  public CompletableFuture<String> systemChain() {
    return call(n -> text(n, "system_chain"), "system_chain");
  }

  public CompletableFuture<ChainProperties> systemProperties() {
    return call(ChainProperties::parse, "system_properties");
  }

  public CompletableFuture<SystemHealth> systemHealth() {
    return call(SystemHealth::parse, "system_health");
  }

  /** The next nonce of an account (SS58 address), counting transactions in the node's pool. */
  public CompletableFuture<Long> accountNextIndex(String ss58Address) {
    return call(
        n -> JsonShapes.unsigned(n, "system_accountNextIndex").longValueExact(),
        "system_accountNextIndex",
        ss58Address);
  }

  public CompletableFuture<String> blockHash(long number) {
    return call(n -> hash(n, "chain_getBlockHash"), "chain_getBlockHash", number);
  }

  /** The genesis hash, i.e. {@code chain_getBlockHash(0)}. */
  public CompletableFuture<String> genesisHash() {
    return blockHash(0);
  }

  public CompletableFuture<String> bestBlockHash() {
    return call(n -> hash(n, "chain_getBlockHash"), "chain_getBlockHash");
  }

  public CompletableFuture<String> finalizedHead() {
    return call(n -> hash(n, "chain_getFinalizedHead"), "chain_getFinalizedHead");
  }

  public CompletableFuture<Header> header(String at) {
    return call(Header::parse, "chain_getHeader", atParams(at));
  }

  public CompletableFuture<Block> block(String at) {
    return call(Block::parse, "chain_getBlock", atParams(at));
  }

  public CompletableFuture<RuntimeVersion> runtimeVersion(String at) {
    return call(RuntimeVersion::parse, "state_getRuntimeVersion", atParams(at));
  }

  /**
   * The SCALE bytes of the runtime metadata (starts with "meta"); parse with the metadata package.
   */
  public CompletableFuture<byte[]> metadata(String at) {
    return call(n -> JsonShapes.bytes(n, "state_getMetadata"), "state_getMetadata", atParams(at));
  }

  /** The raw value under a storage key, empty when the node has none ({@code null}). */
  public CompletableFuture<Optional<byte[]>> storage(byte[] key, String at) {
    Object[] params =
        at == null ? new Object[] {Hex.encode(key)} : new Object[] {Hex.encode(key), at};
    return call(
        n -> n.isNull() ? Optional.empty() : Optional.of(JsonShapes.bytes(n, "state_getStorage")),
        "state_getStorage",
        params);
  }

  /**
   * A runtime API call such as {@code TransactionPaymentApi_query_info}; returns the SCALE bytes.
   */
  public CompletableFuture<byte[]> stateCall(String method, byte[] data, String at) {
    Object[] params =
        at == null
            ? new Object[] {method, Hex.encode(data)}
            : new Object[] {method, Hex.encode(data), at};
    return call(n -> JsonShapes.bytes(n, "state_call"), "state_call", params);
  }

  public CompletableFuture<FeeInfo> paymentQueryInfo(byte[] extrinsic, String at) {
    Object[] params =
        at == null
            ? new Object[] {Hex.encode(extrinsic)}
            : new Object[] {Hex.encode(extrinsic), at};
    return call(FeeInfo::parse, "payment_queryInfo", params);
  }

  /** Submits a signed extrinsic; yields its transaction hash. */
  public CompletableFuture<String> submitExtrinsic(byte[] extrinsic) {
    return call(
        n -> hash(n, "author_submitExtrinsic"), "author_submitExtrinsic", Hex.encode(extrinsic));
  }

  /**
   * Submits and watches a signed extrinsic. The stream ends after a final status; if the connection
   * drops first it ends with {@link TransactionStatus.ConnectionLost}.
   */
  public CompletableFuture<RpcSubscription<TransactionStatus>> submitAndWatchExtrinsic(
      byte[] extrinsic) {
    return client.subscribe(
        new SubscriptionRequest<>(
            "author_submitAndWatchExtrinsic",
            "author_unwatchExtrinsic",
            List.of(Hex.encode(extrinsic)),
            TransactionStatus::parse,
            TransactionStatus::isFinal,
            TransactionStatus.ConnectionLost.INSTANCE,
            Overflow.FAIL));
  }

  /** New best heads; renewed after a reconnect (heads produced meanwhile are not replayed). */
  public CompletableFuture<RpcSubscription<Header>> subscribeNewHeads() {
    return heads("chain_subscribeNewHeads", "chain_unsubscribeNewHeads");
  }

  public CompletableFuture<RpcSubscription<Header>> subscribeFinalizedHeads() {
    return heads("chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads");
  }

  private CompletableFuture<RpcSubscription<Header>> heads(String sub, String unsub) {
    return client.subscribe(
        new SubscriptionRequest<>(
            sub, unsub, List.of(), Header::parse, h -> false, null, Overflow.DROP_OLDEST));
  }

  private <T> CompletableFuture<T> call(Function<JsonNode, T> read, String method, Object... p) {
    return client
        .call(method, client.settings().requestTimeout(), Arrays.asList(p))
        .thenApply(
            n -> {
              try {
                return read.apply(n);
              } catch (RpcProtocolException e) {
                throw e;
              } catch (RuntimeException e) {
                throw new RpcProtocolException(
                    method + ": unexpected answer: " + e.getMessage(), e);
              }
            });
  }

  private static Object[] atParams(String at) {
    return at == null ? new Object[0] : new Object[] {at};
  }

  private static String text(JsonNode n, String what) {
    if (!n.isTextual()) {
      throw new RpcProtocolException(what + " answered a non-string: " + n);
    }
    return n.asText();
  }

  private static String hash(JsonNode n, String what) {
    return JsonShapes.hash(text(n, what), what);
  }

  @Override
  public void close() {
    client.close();
  }
}
