package io.joysync.joystream.rpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's requests: those on the wire by id (at most {@code maxInFlight}) and those waiting
 * for a slot or for the connection (at most {@code maxWaiting}). Not thread-safe: the client's lock
 * guards it.
 */
final class RequestBook {
  private final int maxInFlight;
  private final int maxWaiting;
  private final Map<Long, PendingRequest> inFlight = new HashMap<>();
  private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
  private long nextId = 1;

  RequestBook(int maxInFlight, int maxWaiting) {
    this.maxInFlight = maxInFlight;
    this.maxWaiting = maxWaiting;
  }

  boolean hasFreeSlot() {
    return inFlight.size() < maxInFlight;
  }

  /** Queues a request; false when the waiting line is full. */
  boolean offerWaiting(PendingRequest p) {
    if (waiting.size() >= maxWaiting) {
      return false;
    }
    waiting.add(p);
    return true;
  }

  /** Gives the request a fresh id and records it as sent. */
  void markSent(PendingRequest p) {
    p.id = nextId++;
    inFlight.put(p.id, p);
  }

  /** The next waiting request if a slot is free, else null. */
  PendingRequest nextToSend() {
    return hasFreeSlot() ? waiting.poll() : null;
  }

  PendingRequest answered(long id) {
    return inFlight.remove(id);
  }

  void forget(PendingRequest p) {
    if (!inFlight.remove(p.id, p)) {
      waiting.remove(p);
    }
  }

  /** The sent requests, now without an answer forever: the connection that carried them is gone. */
  List<PendingRequest> takeSent() {
    List<PendingRequest> out = new ArrayList<>(inFlight.values());
    inFlight.clear();
    return out;
  }

  List<PendingRequest> takeAll() {
    List<PendingRequest> out = takeSent();
    out.addAll(waiting);
    waiting.clear();
    return out;
  }

  RpcOverloadedException overloaded(String method) {
    return new RpcOverloadedException(
        method
            + " refused: "
            + inFlight.size()
            + " requests in flight and "
            + waiting.size()
            + " waiting (limits "
            + maxInFlight
            + "/"
            + maxWaiting
            + ")");
  }
}
