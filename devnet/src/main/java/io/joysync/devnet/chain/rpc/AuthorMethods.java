package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.CallDecoder;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.PoolRejection;
import io.joysync.devnet.chain.RuntimeCall;
import io.joysync.devnet.chain.SignedExtrinsic;
import io.joysync.devnet.chain.TxStatus;
import io.joysync.devnet.chain.Weights;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * The author API (submit, submit-and-watch with the full status stream) and the fee queries
 * (payment_queryInfo and the TransactionPaymentApi runtime call). Pool rejections become JSON-RPC
 * errors with the node's codes, messages and data.
 */
final class AuthorMethods {
  private final ObjectMapper json;
  private final ChainNode node;

  AuthorMethods(ObjectMapper json, ChainNode node) {
    this.json = json;
    this.node = node;
  }

  void register(Map<String, RpcMethods.Method> methods) {
    methods.put("author_submitExtrinsic", this::submit);
    methods.put("author_submitAndWatchExtrinsic", this::submitAndWatch);
    methods.put(
        "author_pendingExtrinsics",
        (p, s) -> {
          var out = json.createArrayNode();
          node.pendingExtrinsics().forEach(x -> out.add(Hex.encode(x)));
          return out;
        });
    methods.put("payment_queryInfo", this::queryInfo);
    methods.put("state_call", this::stateCall);
  }

  private static byte[] extrinsicParam(JsonNode p) {
    JsonNode x = p.path(0);
    if (!x.isTextual()) {
      throw new IllegalArgumentException("expected the extrinsic as a hex string");
    }
    return Hex.decode(x.asText());
  }

  private static RpcError rejected(PoolRejection r) {
    return new RpcError(r.code(), r.getMessage(), r.data());
  }

  private JsonNode submit(JsonNode p, RpcSession s) {
    byte[] bytes = extrinsicParam(p);
    try {
      return json.getNodeFactory().textNode(node.submit(bytes, null));
    } catch (PoolRejection r) {
      throw rejected(r);
    }
  }

  private JsonNode submitAndWatch(JsonNode p, RpcSession s) {
    byte[] bytes = extrinsicParam(p);
    String id = s.subscribe(sub -> () -> {});
    try {
      node.submit(
          bytes,
          status -> {
            s.notify("author_extrinsicUpdate", id, ChainJson.status(json, status));
            if (status.terminal()) {
              s.unsubscribe(id);
            }
          });
    } catch (PoolRejection r) {
      s.unsubscribe(id);
      throw rejected(r);
    }
    return json.getNodeFactory().textNode(id);
  }

  /** Weight, class and partial fee of an extrinsic; the signature is not checked (as on a node). */
  private record Info(long weight, BigInteger partialFee) {}

  private Info info(byte[] bytes) {
    SignedExtrinsic x;
    RuntimeCall call;
    try {
      x = SignedExtrinsic.decode(bytes);
      call = CallDecoder.decode(x.call());
    } catch (ScaleException | IllegalArgumentException | CallDecoder.UnsupportedCall e) {
      throw new RpcError(1001, "Extrinsic has invalid format: " + e.getMessage(), null);
    }
    long weight = Weights.callWeight(call);
    BigInteger multiplier = node.read(rt -> rt.state().nextFeeMultiplier());
    BigInteger fee =
        x.signed() ? Weights.inclusionFee(weight, bytes.length, multiplier) : BigInteger.ZERO;
    return new Info(weight, fee);
  }

  private JsonNode queryInfo(JsonNode p, RpcSession s) {
    Info info = info(extrinsicParam(p));
    ObjectNode o = json.createObjectNode();
    ObjectNode w = o.putObject("weight");
    w.put("ref_time", info.weight());
    w.put("proof_size", 0);
    o.put("class", "normal");
    o.put("partialFee", info.partialFee().toString());
    return o;
  }

  private JsonNode stateCall(JsonNode p, RpcSession s) {
    String method = p.path(0).asText("");
    JsonNode dataNode = p.path(1);
    if (!dataNode.isTextual()) {
      throw new IllegalArgumentException("state_call data must be a hex string");
    }
    byte[] data = Hex.decode(dataNode.asText());
    if (method.equals("TransactionPaymentApi_query_info")) {
      if (data.length < 4) {
        throw new IllegalArgumentException("query_info data is extrinsic ‖ u32 length");
      }
      Info info = info(Arrays.copyOf(data, data.length - 4));
      byte[] out =
          new ScaleWriter()
              .writeCompact(info.weight())
              .writeCompact(0)
              .writeU8(0)
              .writeU128(info.partialFee())
              .toByteArray();
      return json.getNodeFactory().textNode(Hex.encode(out));
    }
    if (method.equals("AccountNonceApi_account_nonce")) {
      if (data.length != 32) {
        throw new IllegalArgumentException("account_nonce data is a 32-byte account id");
      }
      long nonce = node.read(rt -> rt.state().account(new AccountId(data)).nonce());
      return json.getNodeFactory()
          .textNode(Hex.encode(new ScaleWriter().writeU32(nonce).toByteArray()));
    }
    throw new RpcError(
        4003,
        "Client error: Execution failed: Other error happened while "
            + "constructing the runtime: method "
            + method
            + " is not served by the devnet",
        null);
  }

  static JsonNode statusJson(ObjectMapper json, TxStatus s) {
    return ChainJson.status(json, s);
  }
}
