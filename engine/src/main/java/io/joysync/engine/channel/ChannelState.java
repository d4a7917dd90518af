package io.joysync.engine.channel;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.youtube.ChannelStatistics;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything joysync holds about one YouTube channel in the YPP but its videos (each of those is a
 * {@link io.joysync.engine.video.VideoEntity} of its own, so this record stays small however many
 * videos the channel has). Only {@link ChannelEntity} changes it, through the methods below, each
 * named for what happened to the channel.
 */
public record ChannelState(
    Optional<Registration> registration,
    YppStatus status,
    Optional<YppStatus> preOptOutStatus,
    boolean shouldBeIngested,
    boolean allowOperatorIngestion,
    Optional<String> videoCategoryId,
    Optional<Instant> createdAt,
    Optional<Instant> lastActedAt,
    Optional<Instant> processedAt,
    long historicalVideoSyncedSize)
    implements CborSerializable {

  public static final ChannelState EMPTY =
      new ChannelState(
          Optional.empty(),
          YppStatus.UNVERIFIED,
          Optional.empty(),
          false,
          true,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          0);

  public boolean isRegistered() {
    return registration.isPresent();
  }

  /** The same channel without the owner's tokens, for copies kept outside the entity. */
  public ChannelState withoutTokens() {
    return new ChannelState(
        registration.map(Registration::withoutTokens),
        status,
        preOptOutStatus,
        shouldBeIngested,
        allowOperatorIngestion,
        videoCategoryId,
        createdAt,
        lastActedAt,
        processedAt,
        historicalVideoSyncedSize);
  }

  /** Syncing runs only while both the creator and the operators want it. */
  public boolean isSyncEnabled() {
    return shouldBeIngested && allowOperatorIngestion && !status.isOptedOut();
  }

  public boolean hasSizeLimitReached() {
    return historicalVideoSyncedSize >= status.limits().historicalSizeCap();
  }

  ChannelState signUp(Registration r) {
    return new ChannelState(
        Optional.of(r),
        YppStatus.UNVERIFIED,
        Optional.empty(),
        r.shouldBeIngested(),
        true,
        r.videoCategoryId(),
        Optional.of(r.at()),
        Optional.of(r.at()),
        Optional.empty(),
        0);
  }

  /** A channel that signs up again keeps its history and regains its status before opting out. */
  ChannelState signUpAgain(Registration r, YppStatus restored) {
    return new ChannelState(
        Optional.of(r),
        restored,
        preOptOutStatus,
        r.shouldBeIngested(),
        allowOperatorIngestion,
        r.videoCategoryId(),
        createdAt,
        Optional.of(r.at()),
        processedAt,
        historicalVideoSyncedSize);
  }

  ChannelState verify(Tier tier, Instant at) {
    return withStatus(YppStatus.verified(tier), true, Optional.of(at));
  }

  ChannelState suspend(SuspensionReason reason, Instant at) {
    return withStatus(YppStatus.suspended(reason), false, Optional.of(at));
  }

  /**
   * The owner leaves the program (youtube-synch also downgraded a verified channel to Unverified
   * when asked {@code optout=false}; here that request only records the action and stops
   * ingestion).
   */
  ChannelState ownerOptOut(boolean optOut, Instant actedAt) {
    return new ChannelState(
        registration,
        optOut ? YppStatus.OPTED_OUT : status,
        optOut ? Optional.of(status) : preOptOutStatus,
        false,
        allowOperatorIngestion,
        videoCategoryId,
        createdAt,
        Optional.of(actedAt),
        processedAt,
        historicalVideoSyncedSize);
  }

  ChannelState autoOptOut(Instant at) {
    return new ChannelState(
        registration,
        YppStatus.OPTED_OUT,
        Optional.of(status),
        false,
        allowOperatorIngestion,
        videoCategoryId,
        createdAt,
        Optional.of(at),
        processedAt,
        historicalVideoSyncedSize);
  }

  ChannelState setIngestion(boolean ingest, Optional<String> category, Instant actedAt) {
    return new ChannelState(
        registration,
        status,
        preOptOutStatus,
        ingest,
        allowOperatorIngestion,
        category.or(() -> videoCategoryId),
        createdAt,
        Optional.of(actedAt),
        processedAt,
        historicalVideoSyncedSize);
  }

  ChannelState setCategory(String category, Optional<Instant> actedAt) {
    return new ChannelState(
        registration,
        status,
        preOptOutStatus,
        shouldBeIngested,
        allowOperatorIngestion,
        Optional.of(category),
        createdAt,
        actedAt.or(() -> lastActedAt),
        processedAt,
        historicalVideoSyncedSize);
  }

  ChannelState setOperatorIngestion(boolean allow) {
    return new ChannelState(
        registration,
        status,
        preOptOutStatus,
        shouldBeIngested,
        allow,
        videoCategoryId,
        createdAt,
        lastActedAt,
        processedAt,
        historicalVideoSyncedSize);
  }

  /** YouTube's latest counters of the channel (subscribers, videos, views). */
  ChannelState refreshStatistics(ChannelStatistics statistics) {
    return new ChannelState(
        registration.map(r -> r.withProfile(r.profile().withCounters(statistics))),
        status,
        preOptOutStatus,
        shouldBeIngested,
        allowOperatorIngestion,
        videoCategoryId,
        createdAt,
        lastActedAt,
        processedAt,
        historicalVideoSyncedSize);
  }

  /** Videos published before the channel signed up are historical: they count against the cap. */
  public boolean isHistorical(Instant publishedAt) {
    return createdAt.map(publishedAt::isBefore).orElse(false);
  }

  /**
   * Bytes of historical videos created (or about to be created) on Joystream, counted against the
   * tier's cap; a released reservation gives its bytes back.
   */
  ChannelState addHistoricalBytes(long bytes) {
    if (bytes == 0) {
      return this;
    }
    return new ChannelState(
        registration,
        status,
        preOptOutStatus,
        shouldBeIngested,
        allowOperatorIngestion,
        videoCategoryId,
        createdAt,
        lastActedAt,
        processedAt,
        Math.max(0, historicalVideoSyncedSize + bytes));
  }

  private ChannelState withStatus(YppStatus next, boolean allowOperator, Optional<Instant> at) {
    return new ChannelState(
        registration,
        next,
        preOptOutStatus,
        shouldBeIngested,
        allowOperator,
        videoCategoryId,
        createdAt,
        lastActedAt,
        at,
        historicalVideoSyncedSize);
  }
}
