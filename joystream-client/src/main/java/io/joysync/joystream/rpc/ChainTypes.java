package io.joysync.joystream.rpc;

import static io.joysync.joystream.rpc.JsonShapes.field;
import static io.joysync.joystream.rpc.JsonShapes.hash;
import static io.joysync.joystream.rpc.JsonShapes.number;
import static io.joysync.joystream.rpc.JsonShapes.text;
import static io.joysync.joystream.rpc.JsonShapes.unsigned;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the typed RPC calls return, each read strictly from the node's JSON (section 5 of the
 * protocol notes). Hashes are lower-case 0x hex strings of 32 bytes.
 */
public final class ChainTypes {
  private ChainTypes() {}

  /** A block header; {@code number} arrives as a hex string and is read as a number. */
  public record Header(
      String parentHash,
      long number,
      String stateRoot,
      String extrinsicsRoot,
      List<String> digestLogs) {
    public Header {
      digestLogs = List.copyOf(digestLogs);
    }

    static Header parse(JsonNode n) {
      List<String> logs = new ArrayList<>();
      n.path("digest").path("logs").forEach(l -> logs.add(l.asText()));
      return new Header(
          hash(text(n, "parentHash", "header"), "parentHash"),
          JsonShapes.number(n, "number", "header"),
          hash(text(n, "stateRoot", "header"), "stateRoot"),
          hash(text(n, "extrinsicsRoot", "header"), "extrinsicsRoot"),
          logs);
    }
  }

  /** A block: its header and its extrinsics as 0x hex, in block order. */
  public record Block(Header header, List<String> extrinsics) {
    public Block {
      extrinsics = List.copyOf(extrinsics);
    }

    static Block parse(JsonNode signed) {
      JsonNode block = field(signed, "block", "chain_getBlock");
      List<String> xts = new ArrayList<>();
      field(block, "extrinsics", "block").forEach(x -> xts.add(x.asText()));
      return new Block(Header.parse(field(block, "header", "block")), xts);
    }
  }

  public record RuntimeVersion(
      String specName,
      String implName,
      long authoringVersion,
      long specVersion,
      long implVersion,
      long transactionVersion,
      long stateVersion,
      Map<String, Long> apis) {
    public RuntimeVersion {
      apis = Map.copyOf(apis);
    }

    static RuntimeVersion parse(JsonNode n) {
      Map<String, Long> apis = new LinkedHashMap<>();
      n.path("apis").forEach(a -> apis.put(a.path(0).asText(), a.path(1).asLong()));
      return new RuntimeVersion(
          text(n, "specName", "runtime version"),
          text(n, "implName", "runtime version"),
          number(n, "authoringVersion", "runtime version"),
          number(n, "specVersion", "runtime version"),
          number(n, "implVersion", "runtime version"),
          number(n, "transactionVersion", "runtime version"),
          n.has("stateVersion") ? number(n, "stateVersion", "runtime version") : 0,
          apis);
    }
  }

  public record SystemHealth(long peers, boolean isSyncing, boolean shouldHavePeers) {
    static SystemHealth parse(JsonNode n) {
      return new SystemHealth(
          number(n, "peers", "system_health"),
          field(n, "isSyncing", "system_health").asBoolean(),
          field(n, "shouldHavePeers", "system_health").asBoolean());
    }
  }

  /** Chain properties; a field the node leaves out is null. */
  public record ChainProperties(Integer ss58Format, Integer tokenDecimals, String tokenSymbol) {
    static ChainProperties parse(JsonNode n) {
      JsonNode ss58 = n.get("ss58Format");
      JsonNode decimals = first(n.get("tokenDecimals"));
      JsonNode symbol = first(n.get("tokenSymbol"));
      return new ChainProperties(
          ss58 == null || ss58.isNull() ? null : ss58.asInt(),
          decimals == null || decimals.isNull() ? null : decimals.asInt(),
          symbol == null || symbol.isNull() ? null : symbol.asText());
    }

    private static JsonNode first(JsonNode v) {
      return v != null && v.isArray() ? v.get(0) : v;
    }
  }

  /**
   * The fee estimate of {@code payment_queryInfo}; {@code weightProofSize} is 0 when the node gives
   * the old bare-number weight.
   */
  public record FeeInfo(
      BigInteger weightRefTime,
      BigInteger weightProofSize,
      String dispatchClass,
      BigInteger partialFee) {
    static FeeInfo parse(JsonNode n) {
      JsonNode w = field(n, "weight", "payment_queryInfo");
      BigInteger refTime;
      BigInteger proofSize = BigInteger.ZERO;
      if (w.isObject()) {
        JsonNode rt = w.has("ref_time") ? w.get("ref_time") : field(w, "refTime", "weight");
        refTime = unsigned(rt, "weight.ref_time");
        JsonNode ps = w.has("proof_size") ? w.get("proof_size") : w.get("proofSize");
        if (ps != null && !ps.isNull()) {
          proofSize = unsigned(ps, "weight.proof_size");
        }
      } else {
        refTime = unsigned(w, "weight");
      }
      return new FeeInfo(
          refTime,
          proofSize,
          text(n, "class", "payment_queryInfo"),
          unsigned(field(n, "partialFee", "payment_queryInfo"), "partialFee"));
    }
  }
}
