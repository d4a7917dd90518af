package io.joysync.engine.channel;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.youtube.ChannelStatistics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What YouTube says about a channel, as of the last time joysync asked. */
public record ChannelProfile(
    String title,
    String description,
    Optional<String> handle,
    Optional<String> language,
    Map<String, String> thumbnails,
    Optional<String> bannerUrl,
    long subscriberCount,
    long videoCount,
    long viewCount,
    Optional<Instant> publishedAt,
    Optional<String> uploadsPlaylistId)
    implements CborSerializable {

  public ChannelProfile {
    thumbnails = Map.copyOf(thumbnails);
  }

  /** Whether YouTube's counters differ from the ones held here. */
  public boolean countersDiffer(ChannelStatistics statistics) {
    return statistics.subscriberCount() != subscriberCount
        || statistics.videoCount() != videoCount
        || statistics.viewCount() != viewCount;
  }

  /** The same profile with YouTube's latest counters. */
  public ChannelProfile withCounters(ChannelStatistics statistics) {
    return new ChannelProfile(
        title,
        description,
        handle,
        language,
        thumbnails,
        bannerUrl,
        statistics.subscriberCount(),
        statistics.videoCount(),
        statistics.viewCount(),
        publishedAt,
        uploadsPlaylistId);
  }
}
