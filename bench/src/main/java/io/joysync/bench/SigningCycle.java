package io.joysync.bench;

import io.joysync.engine.publish.AccountChain;
import io.joysync.engine.publish.SignedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an account's time goes between two of its extrinsics, timed from the calls it makes on its
 * chain backend: from the node's "in a block" for one extrinsic to the start of the next
 * preparation (waiting), the preparation (Orion and chain reads, building and signing), from the
 * signed extrinsic to its broadcast (persisting it first), and from the broadcast to the node's "in
 * a block" (including the wait for the next block). An account under load signs its next extrinsic
 * while the previous one is still in the pool and holds it back until the previous one succeeded in
 * a block, so the steps overlap: "signed to broadcast" includes that hold, and the first step is
 * timed only for preparations that start after the previous extrinsic was in a block.
 */
final class SigningCycle {
  /** The four steps, each a list of durations in milliseconds. */
  record Steps(
      List<Long> waiting, List<Long> preparing, List<Long> persisting, List<Long> landing) {}

  private final Map<Long, Long> inBlockAt = new ConcurrentHashMap<>();
  private final Map<String, Long> memberOfTx = new ConcurrentHashMap<>();
  private final Map<String, Long> signedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final List<Long> waiting = new ArrayList<>();
  private final List<Long> preparing = new ArrayList<>();
  private final List<Long> persisting = new ArrayList<>();
  private final List<Long> landing = new ArrayList<>();
  private volatile boolean recording;

  /** Steps are kept only while recording (the driver's measured blocks). */
  void recording(boolean on) {
    recording = on;
  }

  /** Returns the preparation's start time. */
  long preparationStarts(long memberId) {
    long now = now();
    Long included = inBlockAt.remove(memberId);
    if (included != null) {
      add(waiting, now - included);
    }
    return now;
  }

  void prepared(long memberId, long startedAt, AccountChain.Prepared outcome) {
    long now = now();
    add(preparing, now - startedAt);
    if (outcome instanceof AccountChain.Signed s) {
      memberOfTx.put(s.batch().txHash(), memberId);
      signedAt.put(s.batch().txHash(), now);
    }
  }

  void broadcast(SignedBatch batch) {
    long now = now();
    Long signed = signedAt.remove(batch.txHash());
    if (signed != null) {
      add(persisting, now - signed);
      sentAt.put(batch.txHash(), now);
    }
  }

  void inBlock(String txHash) {
    long now = now();
    Long sent = sentAt.remove(txHash);
    Long member = memberOfTx.remove(txHash);
    if (sent != null && member != null) {
      add(landing, now - sent);
      inBlockAt.put(member, now);
    }
  }

  synchronized Steps steps() {
    return new Steps(
        List.copyOf(waiting),
        List.copyOf(preparing),
        List.copyOf(persisting),
        List.copyOf(landing));
  }

  private synchronized void add(List<Long> list, long millis) {
    if (recording) {
      list.add(millis);
    }
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
