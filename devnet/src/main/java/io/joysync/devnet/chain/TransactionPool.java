package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The transaction pool of a Substrate node (the single-state pool Joystream's node uses): per
 * account, transactions keyed by nonce; those from the account's nonce upward without a gap are
 * ready, the rest wait in the future queue. Same hash twice is 1013, a known-bad or just-included
 * hash is banned (1012), the same (account, nonce) replaces only with a strictly higher priority
 * (else 1014, the loser is reported usurped), and both queues are bounded by count and bytes (1016
 * when full). Not thread-safe: the node holds its lock.
 */
public final class TransactionPool {
  /** A pooled transaction and whoever watches its status. */
  static final class Entry {
    final Runtime.Validity validity;
    final long order;
    final List<Consumer<TxStatus>> watchers = new ArrayList<>();
    boolean announcedReady;

    Entry(Runtime.Validity validity, long order) {
      this.validity = validity;
      this.order = order;
    }

    SignedExtrinsic x() {
      return validity.extrinsic();
    }

    void notify(TxStatus status) {
      watchers.forEach(w -> w.accept(status));
    }
  }

  /** Limits of the pool; the defaults are Substrate's (8192 ready / 20 MiB, a tenth for future). */
  public record Limits(
      int readyCount, long readyBytes, int futureCount, long futureBytes, long banMillis) {
    public static Limits defaults() {
      return new Limits(8192, 20L * 1024 * 1024, 819, 2L * 1024 * 1024, 1_800_000);
    }
  }

  private static final int MAX_BANNED = 200_000;

  private final Limits limits;
  private final Clock clock;
  private final Map<String, Entry> byHash = new HashMap<>();
  private final Map<AccountId, TreeMap<Long, Entry>> byAccount = new HashMap<>();

  /** Banned hashes with their expiry, oldest first; bounded like the node's rotator. */
  private final Map<String, Long> banned =
      new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_BANNED;
        }
      };

  private long order;

  public TransactionPool(Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public int size() {
    return byHash.size();
  }

  /** Adds a validated transaction, or throws the node's rejection. Returns its initial status. */
  TxStatus submit(
      Runtime.Validity v, Consumer<TxStatus> watcher, ToLongFunction<AccountId> nonces) {
    SignedExtrinsic x = v.extrinsic();
    String hash = x.hashHex();
    checkKnown(hash);
    TreeMap<Long, Entry> queue = byAccount.computeIfAbsent(x.signer(), k -> new TreeMap<>());
    Entry existing = queue.get(x.nonce());
    if (existing != null && existing.validity.priority() >= v.priority()) {
      throw PoolRejection.tooLowPriority(existing.validity.priority(), v.priority());
    }
    Entry entry = new Entry(v, order++);
    if (watcher != null) {
      entry.watchers.add(watcher);
    }
    queue.put(x.nonce(), entry);
    byHash.put(hash, entry);
    if (overLimits(nonces)) {
      queue.remove(x.nonce());
      byHash.remove(hash);
      if (existing != null) {
        queue.put(x.nonce(), existing);
      }
      throw PoolRejection.immediatelyDropped();
    }
    if (existing != null) {
      byHash.remove(existing.x().hashHex());
      existing.notify(TxStatus.usurped(hash));
    }
    boolean ready = isReady(entry, nonces);
    entry.announcedReady = ready;
    TxStatus status = ready ? TxStatus.READY : TxStatus.FUTURE;
    entry.notify(status);
    return status;
  }

  private boolean isReady(Entry e, ToLongFunction<AccountId> nonces) {
    long next = nonces.applyAsLong(e.x().signer());
    TreeMap<Long, Entry> queue = byAccount.get(e.x().signer());
    for (long n = next; n <= e.x().nonce(); n++) {
      if (!queue.containsKey(n)) {
        return false;
      }
    }
    return true;
  }

  private boolean overLimits(ToLongFunction<AccountId> nonces) {
    long totalBytes = 0;
    for (Entry e : byHash.values()) {
      totalBytes += e.x().bytes().length;
    }
    if (byHash.size() <= Math.min(limits.readyCount(), limits.futureCount())
        && totalBytes <= Math.min(limits.readyBytes(), limits.futureBytes())) {
      return false;
    }
    int readyCount = 0;
    long readyBytes = 0;
    for (Map.Entry<AccountId, TreeMap<Long, Entry>> acc : byAccount.entrySet()) {
      long next = nonces.applyAsLong(acc.getKey());
      for (Entry e : acc.getValue().tailMap(next, true).values()) {
        if (e.x().nonce() != next) {
          break;
        }
        readyCount++;
        readyBytes += e.x().bytes().length;
        next++;
      }
    }
    int futureCount = byHash.size() - readyCount;
    long futureBytes = totalBytes - readyBytes;
    return readyCount > limits.readyCount()
        || readyBytes > limits.readyBytes()
        || futureCount > limits.futureCount()
        || futureBytes > limits.futureBytes();
  }

  /**
   * The pool's first check, before any validation: an imported hash is 1013, a banned one (just
   * included or found invalid) 1012.
   */
  void checkKnown(String hash) {
    if (byHash.containsKey(hash)) {
      throw PoolRejection.alreadyImported();
    }
    Long until = banned.get(hash);
    if (until != null && until > clock.millis()) {
      throw PoolRejection.temporarilyBanned();
    }
  }

  /** The account's next nonce counting its ready transactions (system_accountNextIndex). */
  long nextIndex(AccountId who, long chainNonce) {
    TreeMap<Long, Entry> queue = byAccount.get(who);
    long next = chainNonce;
    while (queue != null && queue.containsKey(next)) {
      next++;
    }
    return next;
  }

  /**
   * Ready transactions in the order a block author takes them: the highest priority among each
   * account's next transaction, then that account's following nonce, ties by arrival.
   */
  List<Entry> readyInOrder(ToLongFunction<AccountId> nonces) {
    Comparator<Entry> best =
        Comparator.<Entry>comparingLong(e -> e.validity.priority())
            .reversed()
            .thenComparingLong(e -> e.order);
    PriorityQueue<Entry> heads = new PriorityQueue<>(best);
    for (Map.Entry<AccountId, TreeMap<Long, Entry>> acc : byAccount.entrySet()) {
      Entry head = acc.getValue().get(nonces.applyAsLong(acc.getKey()));
      if (head != null) {
        heads.add(head);
      }
    }
    List<Entry> out = new ArrayList<>();
    while (!heads.isEmpty()) {
      Entry e = heads.poll();
      out.add(e);
      Entry following = byAccount.get(e.x().signer()).get(e.x().nonce() + 1);
      if (following != null) {
        heads.add(following);
      }
    }
    return out;
  }

  /** Removes a transaction that went into a block and bans its hash. */
  void included(Entry e) {
    remove(e);
    ban(e.x().hashHex());
  }

  /** Removes an invalid transaction, bans its hash and tells its watchers. */
  void invalid(Entry e) {
    remove(e);
    ban(e.x().hashHex());
    e.notify(TxStatus.INVALID);
  }

  /** Removes a transaction silently lost (the drop fault), telling watchers only if asked. */
  void drop(Entry e, boolean announce) {
    remove(e);
    if (announce) {
      e.notify(TxStatus.DROPPED);
    }
  }

  Optional<Entry> find(String hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  private void remove(Entry e) {
    byHash.remove(e.x().hashHex());
    TreeMap<Long, Entry> queue = byAccount.get(e.x().signer());
    if (queue != null && queue.get(e.x().nonce()) == e) {
      queue.remove(e.x().nonce());
      if (queue.isEmpty()) {
        byAccount.remove(e.x().signer());
      }
    }
  }

  private void ban(String hash) {
    if (limits.banMillis() > 0) {
      banned.put(hash, clock.millis() + limits.banMillis());
    }
  }

  /**
   * After a block: drops transactions whose nonce is now stale (reported invalid), announces future
   * ones that became ready, and forgets expired bans.
   */
  void prune(ToLongFunction<AccountId> nonces) {
    List<Entry> stale = new ArrayList<>();
    for (Map.Entry<AccountId, TreeMap<Long, Entry>> acc : byAccount.entrySet()) {
      long next = nonces.applyAsLong(acc.getKey());
      stale.addAll(acc.getValue().headMap(next, false).values());
    }
    stale.forEach(this::invalid);
    for (Map.Entry<AccountId, TreeMap<Long, Entry>> acc : byAccount.entrySet()) {
      long next = nonces.applyAsLong(acc.getKey());
      for (Entry e : acc.getValue().tailMap(next, true).values()) {
        if (e.x().nonce() != next) {
          break;
        }
        if (!e.announcedReady) {
          e.announcedReady = true;
          e.notify(TxStatus.READY);
        }
        next++;
      }
    }
    long now = clock.millis();
    banned.values().removeIf(until -> until <= now);
  }

  /** Empties the pool (a node restart), without telling anyone: their connections are gone. */
  void clear() {
    byHash.clear();
    byAccount.clear();
  }

  List<Entry> all() {
    return new ArrayList<>(byHash.values());
  }
}
