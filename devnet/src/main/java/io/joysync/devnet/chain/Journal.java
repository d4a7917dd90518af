package io.joysync.devnet.chain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An undo log over the chain state, so that a failing call (or a failing item of {@code batch_all})
 * leaves no trace, exactly like the runtime's storage transactions. Every write records how to undo
 * itself; {@link #rollback(int)} replays the undo actions back to a mark. The log is emptied after
 * each extrinsic, so it is bounded by the writes of one extrinsic.
 */
final class Journal {
  private final Deque<Runnable> undo = new ArrayDeque<>();

  int mark() {
    return undo.size();
  }

  void rollback(int mark) {
    while (undo.size() > mark) {
      undo.pop().run();
    }
  }

  void commit() {
    undo.clear();
  }

  private void record(Runnable action) {
    undo.push(action);
  }

  /**
   * A map whose writes are undoable through the owning journal. It also remembers which keys were
   * written since {@link #drainTouched()} last ran, with the value each had before, so the node can
   * write just the changed entries into its versioned storage once per block.
   */
  final class Table<K, V> {
    private final Map<K, V> map = new HashMap<>();
    private Map<K, V> touched = new HashMap<>();

    Optional<V> get(K key) {
      return Optional.ofNullable(map.get(key));
    }

    boolean contains(K key) {
      return map.containsKey(key);
    }

    int size() {
      return map.size();
    }

    void put(K key, V value) {
      V old = map.put(key, value);
      touch(key, old);
      record(() -> restore(key, old));
    }

    void remove(K key) {
      V old = map.remove(key);
      touch(key, old);
      record(() -> restore(key, old));
    }

    private void touch(K key, V old) {
      if (!touched.containsKey(key)) {
        touched.put(key, old);
      }
    }

    /** The keys written since the last call, each with its value before the first write. */
    Map<K, V> drainTouched() {
      Map<K, V> out = touched;
      touched = new HashMap<>();
      return out;
    }

    void forEach(BiConsumer<K, V> action) {
      map.forEach(action);
    }

    private void restore(K key, V old) {
      if (old == null) {
        map.remove(key);
      } else {
        map.put(key, old);
      }
    }
  }

  /** A single undoable value. */
  final class Cell<V> {
    private V value;

    Cell(V initial) {
      this.value = initial;
    }

    V get() {
      return value;
    }

    void set(V next) {
      V old = value;
      value = next;
      record(() -> value = old);
    }
  }

  /** An append-only list whose appends are undoable (the block's event records). */
  final class Log<T> {
    private final java.util.ArrayList<T> items = new java.util.ArrayList<>();

    void append(T item) {
      items.add(item);
      record(() -> items.remove(items.size() - 1));
    }

    java.util.List<T> snapshot() {
      return java.util.List.copyOf(items);
    }

    int size() {
      return items.size();
    }

    void reset() {
      items.clear();
    }
  }
}
