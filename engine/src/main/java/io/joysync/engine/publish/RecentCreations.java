package io.joysync.engine.publish;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Updated;
import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The videos an account created lately, to answer a repeated request at once, and the last block of
 * a creation it no longer remembers ({@code forgottenUpTo}): Orion's "not found" counts only once
 * Orion has processed that block, so a forgotten video is never created again. Likewise the updates
 * it put on chain lately ({@code updates}, by video and edit), so a repeated update request after a
 * crash is answered without signing it again.
 */
public record RecentCreations(List<Entry> entries, long forgottenUpTo, List<Updated> updates)
    implements CborSerializable {

  /** A created video and when the account learned it. */
  public record Entry(Created created, Instant at) implements CborSerializable {}

  static final RecentCreations NONE = new RecentCreations(List.of(), 0, List.of());

  public RecentCreations {
    entries = List.copyOf(entries);
    updates = updates == null ? List.of() : List.copyOf(updates);
  }

  Optional<Updated> findUpdate(String key) {
    return updates.stream().filter(u -> u.key().equals(key)).findFirst();
  }

  /** With the newly applied updates, keeping the latest {@code keep}. */
  RecentCreations rememberUpdates(List<Updated> applied, int keep) {
    if (applied.isEmpty()) {
      return this;
    }
    List<Updated> all = new ArrayList<>(updates);
    all.addAll(applied);
    return new RecentCreations(
        entries, forgottenUpTo, all.subList(Math.max(0, all.size() - keep), all.size()));
  }

  Optional<Created> find(String ytVideoId) {
    return entries.stream()
        .map(Entry::created)
        .filter(c -> c.ytVideoId().equals(ytVideoId))
        .findFirst();
  }

  /** With the newly created videos, keeping the latest {@code keep}. */
  RecentCreations remember(List<Created> created, Instant at, int keep) {
    if (created.isEmpty()) {
      return this;
    }
    List<Entry> all = new ArrayList<>(entries);
    created.forEach(c -> all.add(new Entry(c, at)));
    int drop = Math.max(0, all.size() - keep);
    long forgotten = forgottenUpTo;
    for (Entry e : all.subList(0, drop)) {
      forgotten = Math.max(forgotten, e.created().blockNumber());
    }
    return new RecentCreations(all.subList(drop, all.size()), forgotten, updates);
  }
}
