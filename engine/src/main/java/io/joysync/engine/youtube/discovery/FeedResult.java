package io.joysync.engine.youtube.discovery;

import java.util.List;

/** The outcome of a conditional feed fetch. */
public sealed interface FeedResult {

  /** 304: nothing changed since the validators were issued. */
  record NotModified() implements FeedResult {}

  /** 200: the newest entries (at most 15) and the validators for next time. */
  record Updated(List<FeedEntry> entries, FeedValidators validators) implements FeedResult {
    public Updated {
      entries = List.copyOf(entries);
    }
  }
}
