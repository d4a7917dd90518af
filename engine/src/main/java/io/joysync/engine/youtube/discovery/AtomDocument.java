package io.joysync.engine.youtube.discovery;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What an Atom document from YouTube says: videos (new or edited) and deleted videos. */
public record AtomDocument(List<FeedEntry> entries, List<FeedDeletion> deletions) {

  public AtomDocument {
    entries = List.copyOf(entries);
    deletions = List.copyOf(deletions);
  }

  public boolean isEmpty() {
    return entries.isEmpty() && deletions.isEmpty();
  }

  /** The channels the document names, each once. */
  public List<String> channelIds() {
    return Stream.concat(
            entries.stream().map(FeedEntry::channelId),
            deletions.stream().map(FeedDeletion::channelId))
        .distinct()
        .toList();
  }

  /** The one channel the document is about, when it names exactly one. */
  public Optional<String> channelId() {
    List<String> ids = channelIds();
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }
}
