package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tracked video as its {@link VideoEntity} keeps it: the channel it belongs to, what YouTube
 * says of it (title and description as last edited), its progress, and the failed attempts since it
 * last made progress (after a transient failure the pipeline waits until {@code retryAt} before it
 * tries again).
 *
 * <p>Edits of the title or description are counted: {@code metadataRevision} is the number of the
 * latest edit, {@code metadataOnChain} the edit the Joystream video carries (or will carry once its
 * creation, asked for with the facts of that edit, lands). An update is due when the video is on
 * Joystream and a later edit is not ({@link #metadataUpdateDue()}). {@code metadataGivenUp} is the
 * latest edit whose update was given up (the chain refused it for good, or it failed too often): it
 * is not asked for again, but a later edit is.
 */
public record TrackedVideo(
    String channelId,
    VideoFacts facts,
    VideoRecord record,
    int failedAttempts,
    Optional<Instant> retryAt,
    int metadataRevision,
    int metadataOnChain,
    int metadataGivenUp)
    implements CborSerializable {

  public TrackedVideo {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(record, "record");
  }

  public TrackedVideo(
      String channelId,
      VideoFacts facts,
      VideoRecord record,
      int failedAttempts,
      Optional<Instant> retryAt) {
    this(channelId, facts, record, failedAttempts, retryAt, 0, 0, 0);
  }

  /**
   * Whether the Joystream video must be brought up to date with the latest edit: it exists, a later
   * edit than the one it carries (or the last one given up) was recorded, and the video was not
   * given up ({@code VideoUnavailable}).
   */
  public boolean metadataUpdateDue() {
    return record.joystreamVideo().isPresent()
        && metadataRevision > Math.max(metadataOnChain, metadataGivenUp)
        && record.state().stage() != VideoState.Stage.VIDEO_UNAVAILABLE;
  }

  /** Whether {@code title} and {@code description} are what the video says now. */
  public boolean says(String title, String description) {
    return facts.title().equals(title) && facts.description().equals(description);
  }

  public String id() {
    return record.id();
  }

  public VideoState state() {
    return record.state();
  }

  /**
   * After a step: a step that made progress clears the failed attempts, a failure keeps them. A
   * creation is asked for with the facts as they are now, so the latest edit goes on chain with it.
   */
  TrackedVideo advance(VideoRecord next, VideoTransition step) {
    int onChain =
        step instanceof VideoTransition.StartCreating ? metadataRevision : metadataOnChain;
    return step.progress()
        ? new TrackedVideo(
            channelId, facts, next, 0, Optional.empty(), metadataRevision, onChain, metadataGivenUp)
        : new TrackedVideo(
            channelId,
            facts,
            next,
            failedAttempts,
            retryAt,
            metadataRevision,
            onChain,
            metadataGivenUp);
  }

  TrackedVideo failedAttempt(int attempt, Instant nextTry) {
    return new TrackedVideo(
        channelId,
        facts,
        record,
        attempt,
        Optional.of(nextTry),
        metadataRevision,
        metadataOnChain,
        metadataGivenUp);
  }

  /** The creator edited the title or description on YouTube: edit {@code revision}. */
  TrackedVideo edited(String title, String description, int revision) {
    return new TrackedVideo(
        channelId,
        facts.withText(title, description),
        record,
        failedAttempts,
        retryAt,
        revision,
        metadataOnChain,
        metadataGivenUp);
  }

  /** Edit {@code revision} is on chain: the update made progress, its failures are cleared. */
  TrackedVideo updatedOnChain(int revision) {
    return new TrackedVideo(
        channelId,
        facts,
        record,
        0,
        Optional.empty(),
        metadataRevision,
        Math.max(metadataOnChain, revision),
        metadataGivenUp);
  }

  /**
   * The update to edit {@code revision} was given up: it is not asked for again, its failures are
   * cleared so that a later edit starts afresh.
   */
  TrackedVideo updateGivenUp(int revision) {
    return new TrackedVideo(
        channelId,
        facts,
        record,
        0,
        Optional.empty(),
        metadataRevision,
        metadataOnChain,
        Math.max(metadataGivenUp, revision));
  }

  /** Whether edit {@code revision} is on chain already or its update was given up. */
  public boolean metadataSettled(int revision) {
    return revision <= Math.max(metadataOnChain, metadataGivenUp);
  }
}
