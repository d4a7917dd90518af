package io.joysync.engine.youtube.quota;

/**
 * Unit costs of the YouTube Data API calls (developers.google.com/youtube/v3/determine_quota_cost):
 * every list call costs 1 unit per page returned, up to 50 items a page; search costs 100. A call
 * that fails still costs its units.
 */
public enum QuotaCost {
  CHANNELS_LIST(1),
  PLAYLIST_ITEMS_LIST(1),
  VIDEOS_LIST(1),
  ACTIVITIES_LIST(1),
  SEARCH_LIST(100);

  private final int units;

  QuotaCost(int units) {
    this.units = units;
  }

  public int units() {
    return units;
  }
}
