package io.joysync.joystream.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The states of a watched extrinsic as the node reports them ({@code author_extrinsicUpdate}), plus
 * {@link ConnectionLost}, which the client adds when the connection drops: a watch cannot be
 * resumed on a new connection, so the caller must find out what happened by the account's nonce.
 * {@link #isFinal()} is true for the statuses after which nothing more comes.
 */
public sealed interface TransactionStatus {

  default boolean isFinal() {
    return false;
  }

  /** In the pool, waiting for an earlier nonce. */
  enum Future implements TransactionStatus {
    INSTANCE;

    @Override
    public String toString() {
      return "Future";
    }
  }

  /** In the pool, ready to be included. */
  enum Ready implements TransactionStatus {
    INSTANCE;

    @Override
    public String toString() {
      return "Ready";
    }
  }

  record Broadcast(List<String> peers) implements TransactionStatus {
    public Broadcast {
      peers = List.copyOf(peers);
    }
  }

  /** Included in a block; a later {@link Retracted} may undo this on a fork switch. */
  record InBlock(String blockHash) implements TransactionStatus {}

  record Retracted(String blockHash) implements TransactionStatus {}

  record FinalityTimeout(String blockHash) implements TransactionStatus {
    @Override
    public boolean isFinal() {
      return true;
    }
  }

  record Finalized(String blockHash) implements TransactionStatus {
    @Override
    public boolean isFinal() {
      return true;
    }
  }

  /** Replaced by another transaction with the same nonce. */
  record Usurped(String transactionHash) implements TransactionStatus {
    @Override
    public boolean isFinal() {
      return true;
    }
  }

  enum Dropped implements TransactionStatus {
    INSTANCE;

    @Override
    public String toString() {
      return "Dropped";
    }

    @Override
    public boolean isFinal() {
      return true;
    }
  }

  enum Invalid implements TransactionStatus {
    INSTANCE;

    @Override
    public String toString() {
      return "Invalid";
    }

    @Override
    public boolean isFinal() {
      return true;
    }
  }

  /** Added by the client: the connection dropped while watching; the outcome is unknown. */
  enum ConnectionLost implements TransactionStatus {
    INSTANCE;

    @Override
    public String toString() {
      return "ConnectionLost";
    }

    @Override
    public boolean isFinal() {
      return true;
    }
  }

  /** Reads one status in Substrate's JSON form ({@code "ready"}, {@code {"inBlock":"0x.."}}). */
  static TransactionStatus parse(JsonNode node) {
    if (node != null && node.isTextual()) {
      switch (node.asText()) {
        case "future":
          return Future.INSTANCE;
        case "ready":
          return Ready.INSTANCE;
        case "dropped":
          return Dropped.INSTANCE;
        case "invalid":
          return Invalid.INSTANCE;
        default:
          throw new RpcProtocolException("unknown transaction status \"" + node.asText() + "\"");
      }
    }
    if (node != null && node.isObject() && node.size() == 1) {
      Map.Entry<String, JsonNode> e = node.fields().next();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "broadcast":
          List<String> peers = new ArrayList<>();
          v.forEach(p -> peers.add(p.asText()));
          return new Broadcast(peers);
        case "inBlock":
          return new InBlock(hash(v, e.getKey()));
        case "retracted":
          return new Retracted(hash(v, e.getKey()));
        case "finalityTimeout":
          return new FinalityTimeout(hash(v, e.getKey()));
        case "finalized":
          return new Finalized(hash(v, e.getKey()));
        case "usurped":
          return new Usurped(hash(v, e.getKey()));
        default:
          break;
      }
    }
    throw new RpcProtocolException("unknown transaction status " + node);
  }

  private static String hash(JsonNode v, String status) {
    if (!v.isTextual()) {
      throw new RpcProtocolException(status + " status without a hash: " + v);
    }
    return JsonShapes.hash(v.asText(), status);
  }
}
