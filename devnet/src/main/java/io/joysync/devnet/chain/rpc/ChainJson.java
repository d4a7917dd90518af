package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainIdentity;
import io.joysync.devnet.chain.TxStatus;
import io.joysync.joystream.scale.Hex;

/** The JSON shapes of Substrate's RPC answers: headers, blocks, runtime version, tx status. */
final class ChainJson {
  private static final String[][] APIS = {
    {"0xdf6acb689907609b", "4"},
    {"0x37e397fc7c91f5e4", "1"},
    {"0x40fe3ad401f8959a", "6"},
    {"0xd2bc9897eed08f15", "3"},
    {"0xf78b278be53f454c", "2"},
    {"0xcbca25e39f142387", "2"},
    {"0x687ad44ad37f03c2", "1"},
    {"0xed99c5acb25eedf5", "3"},
    {"0xab3c0572291feb8b", "1"},
    {"0xbc9d89904f5b923f", "1"},
    {"0x37c8bb1350a9a2a8", "3"},
  };

  private ChainJson() {}

  static ObjectNode header(ObjectMapper json, Block b) {
    ObjectNode h = json.createObjectNode();
    h.put("parentHash", Hex.encode(b.parentHash()));
    h.put("number", "0x" + Long.toHexString(b.number()));
    h.put("stateRoot", Hex.encode(b.stateRoot()));
    h.put("extrinsicsRoot", Hex.encode(b.extrinsicsRoot()));
    h.putObject("digest").putArray("logs");
    return h;
  }

  static ObjectNode block(ObjectMapper json, Block b) {
    ObjectNode out = json.createObjectNode();
    ObjectNode block = out.putObject("block");
    block.set("header", header(json, b));
    ArrayNode xs = block.putArray("extrinsics");
    b.extrinsics().forEach(x -> xs.add(Hex.encode(x)));
    out.putNull("justifications");
    return out;
  }

  static ObjectNode runtimeVersion(ObjectMapper json, ChainIdentity id) {
    ObjectNode v = json.createObjectNode();
    v.put("specName", "joystream-node");
    v.put("implName", "joystream-node");
    v.put("authoringVersion", 12);
    v.put("specVersion", id.specVersion());
    v.put("implVersion", 0);
    ArrayNode apis = v.putArray("apis");
    for (String[] api : APIS) {
      apis.addArray().add(api[0]).add(Integer.parseInt(api[1]));
    }
    v.put("transactionVersion", id.transactionVersion());
    v.put("stateVersion", 1);
    return v;
  }

  static JsonNode status(ObjectMapper json, TxStatus s) {
    if (s.value() == null) {
      return json.getNodeFactory().textNode(s.kind());
    }
    ObjectNode o = json.createObjectNode();
    o.put(s.kind(), s.value());
    return o;
  }
}
