package io.joysync.engine.publish;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a {@link SignerAccount} keeps in memory only, confined to the entity's actor: requests not
 * yet signed (their requesters ask again if the entity restarts), further requesters of videos
 * already in an extrinsic, what the node said of each broadcast extrinsic, and the account's
 * health. Everything a restart must not forget is in the entity's events instead.
 */
final class AccountWork {
  /** At most this many requests wait for a batch; beyond, new ones are refused (retryable). */
  static final int MAX_WAITING = 10_000;

  /** Requesters kept per video besides the item's own (see {@link #join}). */
  static final int MAX_JOINERS = 8;

  /** What the node said of one in-flight extrinsic since it was (re)broadcast. */
  static final class Track {
    boolean included;
    boolean resend;
    boolean invalid;

    /** The node said it can no longer land (era ended, older runtime): never sent again. */
    boolean cannotLand;

    long sentAtFinalized = -1;
    Instant sentAt = Instant.MIN;
    int sends;

    /** Signed counting on extrinsics not yet known to have succeeded in a block: not sent yet. */
    boolean held;

    /** The earlier extrinsics (nonces) whose videos its app-action nonces count. */
    List<Long> countedOn = List.of();

    /** Held after a restart: it may have been sent before, so it is never withdrawn. */
    boolean maybeSent;

    /** Held until its era decides: one it may count on did not go through, and it may be sent. */
    boolean untilEraEnds;

    /** The block the node last said took it. */
    String blockHash = "";

    /** What it did in that block, once read. */
    AccountChain.InBlockOutcome outcome = AccountChain.InBlockOutcome.UNKNOWN;

    boolean succeededInBlock() {
      return included && outcome == AccountChain.InBlockOutcome.SUCCEEDED;
    }
  }

  private final Deque<BatchItem> waiting = new ArrayDeque<>();
  private final Set<String> waitingIds = new HashSet<>();
  private final Map<String, List<ActorRef<CreationResult>>> joiners = new HashMap<>();
  private final Map<Long, Track> tracks = new HashMap<>();
  final AccountHealth health = new AccountHealth();
  final AccountMeters meters;
  final CreationCounter created = new CreationCounter();

  /** Videos in the last extrinsic that was full (candidates were left over); 0 before one. */
  int fullBatchSize;

  /**
   * Counts the extrinsics in flight that failed, can never land or lost their nonce: one signed
   * ahead while this changed may count on videos that were not created.
   */
  long setbacks;

  /** {@link #setbacks} when the preparation under way began, if it counted on earlier ones. */
  long preparedAfterSetbacks = -1;

  boolean reconciled;
  boolean preparing;
  boolean resolving;
  long latestFinalized = -1;
  long resolvedAtFinalized = -1;
  Instant lastResolve = Instant.MIN;
  Instant finalizedMovedAt = Instant.MIN;
  boolean stallWarned;
  Optional<BigInteger> freeBalance = Optional.empty();
  AutoCloseable heads;

  AccountWork(AccountMeters meters) {
    this.meters = meters;
  }

  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  int waitingCount() {
    return waiting.size();
  }

  boolean waitingFull() {
    return waiting.size() >= MAX_WAITING;
  }

  void enqueue(BatchItem item) {
    waiting.addLast(item);
    waitingIds.add(item.key());
  }

  /** Whether a request with this key ({@link BatchItem#key()}) waits to be signed. */
  boolean isWaiting(String key) {
    return waitingIds.contains(key);
  }

  /** The first waiting requests, in arrival order. */
  List<BatchItem> firstWaiting(int max) {
    List<BatchItem> out = new ArrayList<>();
    Iterator<BatchItem> it = waiting.iterator();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
    }
    return out;
  }

  void removeWaiting(Set<String> keys) {
    waiting.removeIf(i -> keys.contains(i.key()));
    waitingIds.removeAll(keys);
  }

  /** Takes every waiting request out (to answer them when the account stops taking work). */
  List<BatchItem> drainWaiting() {
    List<BatchItem> all = new ArrayList<>(waiting);
    waiting.clear();
    waitingIds.clear();
    return all;
  }

  /**
   * Adds a requester to answer along with the item's own. Requesters ask again while they wait (a
   * new reply address each time), so only the latest {@link #MAX_JOINERS} are kept: the older ones
   * have given up on their ask.
   */
  void join(String key, ActorRef<CreationResult> requester) {
    List<ActorRef<CreationResult>> list = joiners.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(requester)) {
      list.add(requester);
      if (list.size() > MAX_JOINERS) {
        list.remove(0);
      }
    }
  }

  /** Sends the answer to the item's requesters and to whoever joined them since. */
  void answer(BatchItem item, CreationResult result) {
    item.requesters().forEach(r -> r.tell(result));
    List<ActorRef<CreationResult>> more = joiners.remove(item.key());
    if (more != null) {
      more.stream().filter(r -> !item.requesters().contains(r)).forEach(r -> r.tell(result));
    }
  }

  Track track(long nonce) {
    return tracks.computeIfAbsent(nonce, n -> new Track());
  }

  Optional<Track> existingTrack(long nonce) {
    return Optional.ofNullable(tracks.get(nonce));
  }

  void forget(long nonce) {
    tracks.remove(nonce);
  }

  /** Whether every given in-flight extrinsic is known to be in a block. */
  boolean allIncluded(Collection<SignedBatch> inFlight) {
    return inFlight.stream()
        .allMatch(b -> tracks.containsKey(b.nonce()) && track(b.nonce()).included);
  }

  /**
   * Whether an extrinsic may be signed after the given ones before they are all in a block: each is
   * in a block, sent without trouble heard since, or held back itself.
   */
  boolean mayBuildOn(Collection<SignedBatch> inFlight) {
    return inFlight.stream()
        .map(b -> tracks.get(b.nonce()))
        .allMatch(t -> t != null && (t.included || t.held || t.sends > 0 && !t.resend));
  }

  /**
   * Whether every extrinsic the given one counts on succeeded in a block or settled (one that did
   * not go through withdraws those counting on it first).
   */
  boolean countedOnSucceeded(Collection<SignedBatch> inFlight, Track t) {
    return inFlight.stream()
        .filter(b -> t.countedOn.contains(b.nonce()))
        .allMatch(b -> tracks.containsKey(b.nonce()) && track(b.nonce()).succeededInBlock());
  }
}
