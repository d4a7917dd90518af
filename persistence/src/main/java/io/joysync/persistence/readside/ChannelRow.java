package io.joysync.persistence.readside;

import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.channel.YppStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * One channel as the HTTP queries see it: a flat copy of the entity's state (without tokens), kept
 * up to date by {@link ChannelProjection}.
 */
public record ChannelRow(
    String channelId,
    long joystreamChannelId,
    String userId,
    String email,
    String title,
    String description,
    Optional<String> handle,
    Optional<String> language,
    Map<String, String> thumbnails,
    long subscriberCount,
    long videoCount,
    String yppStatus,
    Optional<String> preOptOutStatus,
    boolean shouldBeIngested,
    boolean allowOperatorIngestion,
    Optional<String> videoCategoryId,
    Optional<Long> referrerChannelId,
    Instant createdAt,
    Optional<Instant> lastActedAt,
    Optional<Instant> processedAt) {

  public ChannelRow {
    thumbnails = Map.copyOf(thumbnails);
    createdAt = millis(createdAt);
    lastActedAt = lastActedAt.map(ChannelRow::millis);
    processedAt = processedAt.map(ChannelRow::millis);
  }

  /** Cassandra keeps timestamps to the millisecond; rows compare equal to what they read back. */
  private static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The row for a registered channel's state. */
  public static ChannelRow of(String channelId, ChannelState s) {
    var r = s.registration().orElseThrow(() -> new IllegalArgumentException("not registered"));
    var p = r.profile();
    return new ChannelRow(
        channelId,
        r.joystreamChannelId(),
        r.userId(),
        r.email(),
        p.title(),
        p.description(),
        p.handle(),
        p.language(),
        p.thumbnails(),
        p.subscriberCount(),
        p.videoCount(),
        s.status().wireName(),
        s.preOptOutStatus().map(st -> st.wireName()),
        s.shouldBeIngested(),
        s.allowOperatorIngestion(),
        s.videoCategoryId(),
        r.referrerChannelId(),
        s.createdAt().orElse(r.at()),
        s.lastActedAt(),
        s.processedAt());
  }

  /** The tier whose limits apply: the verified one, Bronze's for any other status. */
  public Tier limits() {
    return YppStatus.parse(yppStatus).map(YppStatus::limits).orElse(Tier.BRONZE);
  }

  public boolean isUnverified() {
    return "Unverified".equals(yppStatus);
  }
}
