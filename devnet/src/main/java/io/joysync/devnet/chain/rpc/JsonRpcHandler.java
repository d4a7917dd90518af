package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one JSON-RPC 2.0 message (a request or a batch) into its response text, the way jsonrpsee
 * does: -32700 for text that is not JSON, -32600 for JSON that is not a request, -32601 for an
 * unknown method, -32602 for bad params, no response to notifications (no id). Never throws:
 * anything unexpected becomes -32603, so one bad message cannot hurt the connection.
 */
public final class JsonRpcHandler {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcHandler.class);
  private static final int MAX_BATCH = 128;

  private final ObjectMapper json;
  private final RpcMethods methods;

  public JsonRpcHandler(ObjectMapper json, RpcMethods methods) {
    this.json = json;
    this.methods = methods;
  }

  /** Handles a message on a session; the response (if any) is sent before held notifications. */
  public void handle(String text, RpcSession session) {
    session.beginCall();
    String response = null;
    try {
      response = respond(text, session);
    } finally {
      session.endCall(response);
    }
  }

  /** The response text for a message, or null when nothing is to be answered. */
  public String respond(String text, RpcSession session) {
    JsonNode tree;
    try {
      tree = json.readTree(text);
    } catch (JsonProcessingException e) {
      return error(null, RpcError.parse()).toString();
    }
    if (tree == null) {
      return error(null, RpcError.parse()).toString();
    }
    if (tree.isArray()) {
      if (tree.isEmpty() || tree.size() > MAX_BATCH) {
        return error(null, RpcError.invalidRequest()).toString();
      }
      ArrayNode out = json.createArrayNode();
      for (JsonNode request : tree) {
        ObjectNode r = one(request, session);
        if (r != null) {
          out.add(r);
        }
      }
      return out.isEmpty() ? null : out.toString();
    }
    ObjectNode r = one(tree, session);
    return r == null ? null : r.toString();
  }

  public String tooBig() {
    return error(null, RpcError.tooBig()).toString();
  }

  private ObjectNode one(JsonNode request, RpcSession session) {
    if (!request.isObject()) {
      return error(null, RpcError.invalidRequest());
    }
    JsonNode id = request.get("id");
    boolean validId = id == null || id.isNull() || id.isTextual() || id.isIntegralNumber();
    JsonNode method = request.get("method");
    if (!validId
        || !"2.0".equals(request.path("jsonrpc").asText(null))
        || method == null
        || !method.isTextual()) {
      return error(validId ? id : null, RpcError.invalidRequest());
    }
    JsonNode params = request.get("params");
    if (params != null && !params.isArray() && !params.isNull()) {
      return id == null ? null : error(id, RpcError.invalidParams("params must be an array"));
    }
    try {
      JsonNode result = methods.call(method.asText(), params, session);
      if (id == null) {
        return null;
      }
      ObjectNode out = json.createObjectNode();
      out.put("jsonrpc", "2.0");
      out.set("result", result);
      out.set("id", id);
      return out;
    } catch (RpcError e) {
      return id == null ? null : error(id, e);
    } catch (RuntimeException e) {
      log.warn("JSON-RPC method {} failed", method.asText(), e);
      return id == null ? null : error(id, RpcError.internal(e.getClass().getSimpleName()));
    }
  }

  private ObjectNode error(JsonNode id, RpcError e) {
    ObjectNode out = json.createObjectNode();
    out.put("jsonrpc", "2.0");
    ObjectNode err = out.putObject("error");
    err.put("code", e.code());
    err.put("message", e.getMessage());
    if (e.data() != null) {
      err.put("data", e.data());
    }
    if (id == null) {
      out.putNull("id");
    } else {
      out.set("id", id);
    }
    return out;
  }
}
