package io.joysync.devnet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The runtime storage as a node's database holds it: encoded values under their real keys, with a
 * version per block that changed them, so any item reads as of any block since the horizon. Keys
 * are ordered as bytes, as in the trie, for key listings. Versions older than the horizon are
 * folded into the one that was current at the horizon. Not thread-safe: the node serialises access.
 */
final class StorageHistory {
  private static final byte[] REMOVED = new byte[0];

  private final NavigableMap<byte[], NavigableMap<Long, byte[]>> versions =
      new TreeMap<>(Arrays::compareUnsigned);

  /**
   * Records the value {@code key} has from block {@code block} on (null: removed); returns whether
   * that is a change. Versions of the key older than {@code horizon} are folded.
   */
  boolean write(long block, byte[] key, byte[] value, long horizon) {
    NavigableMap<Long, byte[]> v = versions.get(key);
    byte[] next = value == null ? REMOVED : value;
    if (v == null) {
      if (value == null) {
        return false;
      }
      v = new TreeMap<>();
      versions.put(key.clone(), v);
    } else {
      byte[] last = v.lastEntry().getValue();
      if (last == REMOVED ? next == REMOVED : next != REMOVED && Arrays.equals(last, next)) {
        return false;
      }
    }
    v.put(block, next);
    Long folded = v.floorKey(horizon);
    if (folded != null) {
      v.headMap(folded, false).clear();
    }
    return true;
  }

  /** The value at block {@code block}, or empty if the item did not exist then. */
  Optional<byte[]> at(byte[] key, long block) {
    NavigableMap<Long, byte[]> v = versions.get(key);
    if (v == null) {
      return Optional.empty();
    }
    Map.Entry<Long, byte[]> e = v.floorEntry(block);
    return e == null || e.getValue() == REMOVED ? Optional.empty() : Optional.of(e.getValue());
  }

  /** The newest value, or empty if the item does not exist. */
  Optional<byte[]> latest(byte[] key) {
    return at(key, Long.MAX_VALUE);
  }

  /**
   * Up to {@code limit} keys starting with {@code prefix} and strictly after {@code after} (null:
   * from the prefix on), in byte order, of the items that existed at block {@code block}.
   */
  List<byte[]> keys(byte[] prefix, byte[] after, int limit, long block) {
    NavigableMap<byte[], NavigableMap<Long, byte[]>> tail =
        after == null || Arrays.compareUnsigned(after, prefix) < 0
            ? versions.tailMap(prefix, true)
            : versions.tailMap(after, false);
    List<byte[]> out = new ArrayList<>();
    for (byte[] key : tail.keySet()) {
      if (out.size() >= limit || !startsWith(key, prefix)) {
        break;
      }
      if (at(key, block).isPresent()) {
        out.add(key.clone());
      }
    }
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
