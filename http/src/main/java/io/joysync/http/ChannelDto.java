package io.joysync.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.joysync.persistence.readside.ChannelRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel as Atlas reads it (youtube-synch's ChannelDto): same field names and shapes; a field
 * the channel has no value for is left out, as youtube-synch left it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelDto(
    String youtubeChannelId,
    String title,
    String description,
    boolean shouldBeIngested,
    String yppStatus,
    String preOptOutStatus,
    long joystreamChannelId,
    Long referrerChannelId,
    String videoCategoryId,
    String language,
    Map<String, String> thumbnails,
    long subscribersCount,
    Instant createdAt,
    SyncStatus syncStatus) {

  public record SyncStatus(long backlogCount, long fullSyncEta, long placeInSyncQueue) {
    static final SyncStatus NONE = new SyncStatus(0, 0, 0);
  }

  /** A channel referred by another, as endpoint {@code /channels/:id/referrals} lists it. */
  public record Referral(
      long joystreamChannelId,
      String title,
      long subscribersCount,
      String yppStatus,
      Instant createdAt) {
    static Referral of(ChannelRow r) {
      return new Referral(
          r.joystreamChannelId(), r.title(), r.subscriberCount(), r.yppStatus(), r.createdAt());
    }
  }

  public static ChannelDto of(ChannelRow r) {
    return of(r, SyncStatus.NONE);
  }

  /**
   * The channel with its sync status: the videos still on their way to Joystream, its place in the
   * sync queue and the seconds until its full sync (see {@code SyncEstimate}).
   */
  public static ChannelDto of(ChannelRow r, SyncStatus syncStatus) {
    Map<String, String> thumbnails = new LinkedHashMap<>();
    for (String size : new String[] {"default", "medium", "high", "standard"}) {
      thumbnails.put(size, r.thumbnails().get(size));
    }
    return new ChannelDto(
        r.channelId(),
        r.title(),
        r.description(),
        r.shouldBeIngested(),
        r.yppStatus(),
        r.preOptOutStatus().orElse(null),
        r.joystreamChannelId(),
        r.referrerChannelId().orElse(null),
        r.videoCategoryId().orElse(null),
        r.language().orElse(null),
        thumbnails,
        r.subscriberCount(),
        r.createdAt(),
        syncStatus);
  }
}
