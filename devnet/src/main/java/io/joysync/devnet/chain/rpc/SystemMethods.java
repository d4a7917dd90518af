package io.joysync.devnet.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.Hashing;
import io.joysync.joystream.crypto.Base58;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The system API of a lone authoring node: its identity and chain properties, health without peers,
 * a sync state that is always caught up, its own peer id (an ed25519 libp2p id derived from the
 * chain name), and the next account index counting the pool.
 */
final class SystemMethods {
  private final ObjectMapper json;
  private final ChainNode node;
  private final String chainName;
  private final String peerId;

  SystemMethods(ObjectMapper json, ChainNode node, String chainName) {
    this.json = json;
    this.node = node;
    this.chainName = chainName;
    this.peerId = peerId(chainName);
  }

  /** identity multihash of the protobuf ed25519 public key, base58: the "12D3KooW..." form. */
  private static String peerId(String seed) {
    byte[] key = Hashing.blake2b256(("devnet peer " + seed).getBytes(StandardCharsets.UTF_8));
    byte[] id = new byte[2 + 4 + key.length];
    id[0] = 0x00;
    id[1] = 0x24;
    id[2] = 0x08;
    id[3] = 0x01;
    id[4] = 0x12;
    id[5] = 0x20;
    System.arraycopy(key, 0, id, 6, key.length);
    return Base58.encode(id);
  }

  void register(Map<String, RpcMethods.Method> methods) {
    methods.put("system_chain", (p, s) -> text(chainName));
    methods.put("system_name", (p, s) -> text("Joystream Node"));
    methods.put("system_version", (p, s) -> text("devnet"));
    methods.put("system_chainType", (p, s) -> text("Live"));
    methods.put("system_properties", (p, s) -> properties());
    methods.put("system_health", (p, s) -> health());
    methods.put("system_localPeerId", (p, s) -> text(peerId));
    methods.put("system_localListenAddresses", (p, s) -> json.createArrayNode());
    methods.put("system_peers", (p, s) -> json.createArrayNode());
    methods.put("system_reservedPeers", (p, s) -> json.createArrayNode());
    methods.put("system_nodeRoles", (p, s) -> json.createArrayNode().add("Authority"));
    methods.put("system_syncState", (p, s) -> syncState());
    RpcMethods.Method nextIndex =
        (p, s) -> json.getNodeFactory().numberNode(node.nextIndex(RpcParams.account(p, 0)));
    methods.put("system_accountNextIndex", nextIndex);
    methods.put("account_nextIndex", nextIndex);
  }

  private JsonNode properties() {
    ObjectNode o = json.createObjectNode();
    return o.put("ss58Format", 126).put("tokenDecimals", 10).put("tokenSymbol", "JOY");
  }

  private JsonNode health() {
    ObjectNode o = json.createObjectNode();
    return o.put("peers", 0).put("isSyncing", false).put("shouldHavePeers", false);
  }

  private JsonNode syncState() {
    long best = node.best().number();
    ObjectNode o = json.createObjectNode();
    return o.put("startingBlock", 0).put("currentBlock", best).put("highestBlock", best);
  }

  private JsonNode text(String s) {
    return json.getNodeFactory().textNode(s);
  }
}
