package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.VideoTracking.TrackedVideos;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.ChannelStatistics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The only ways discovery changes entities, each once something about a channel or video changed:
 * tracking found videos, taking a channel out of the program, marking a video unavailable, handing
 * a title or description edit to a tracked video. Every one is idempotent, so a step repeated after
 * a crash changes nothing more.
 */
public interface ChannelActions {

  /** Tracks videos on a channel, asking the channel's entity for its terms. */
  CompletionStage<TrackedVideos> track(String channelId, List<VideoFacts> videos, Instant at);

  /**
   * Tracks videos on a channel with the terms of a copy of the channel read from the watch
   * schedule, so that only the videos' own entities wake.
   */
  CompletionStage<TrackedVideos> track(
      String channelId, ChannelState channel, List<VideoFacts> videos, Instant at);

  CompletionStage<Done> autoOptOut(String channelId, AutoOptOutReason reason, Instant at);

  /** Hands YouTube's latest counters to the channel; the same counters again record nothing. */
  CompletionStage<Done> refreshStatistics(
      String channelId, ChannelStatistics statistics, Instant at);

  /**
   * Hands a title or description edited on YouTube to its tracked video, which brings its Joystream
   * video up to date through the pipeline; the same edit again records nothing.
   */
  CompletionStage<Done> editMetadata(String videoId, String title, String description, Instant at);

  /** Marks a tracked video unavailable; a video already final is left as it is. */
  CompletionStage<Done> markUnavailable(
      String videoId, UnavailableReason reason, String detail, Instant at);
}
