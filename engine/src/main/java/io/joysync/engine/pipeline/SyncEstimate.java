package io.joysync.engine.pipeline;

import io.joysync.engine.channel.Tier;

/**
 * When a channel's waiting videos should all be on Joystream, as Atlas shows a creator ({@code
 * syncStatus.fullSyncEta} and {@code placeInSyncQueue}), from what the read side counts. The
 * pipeline deals back catalogues out in rounds across the channels with videos waiting ({@link
 * SyncOrder}), each round taking as many of a channel's videos as its tier weighs ({@code w}:
 * Bronze 1 to Diamond 4), so a channel with {@code b} videos waiting is done after about {@code
 * ⌈b/w⌉} rounds, in which the other channels take about one video each: about {@code b + ⌈b/w⌉ ×
 * (activeChannels − 1)} videos, never more than all that wait. At the throughput measured over the
 * last hour ({@link UploadRate}: over the minutes since uploads began, when that is less) that many
 * videos take {@code fullSyncEta} seconds; before anything was measured, youtube-synch's one minute
 * per video is assumed. {@code placeInSyncQueue} is how many channels may be served before this
 * one's next video (1 is next).
 *
 * @param fullSyncEta seconds until the channel's waiting videos are all on Joystream, 0 if none
 * @param placeInSyncQueue 1 + the channels that may be served first, 0 if nothing waits
 */
public record SyncEstimate(long fullSyncEta, long placeInSyncQueue) {

  /** youtube-synch's assumption when nothing was measured: one video a minute. */
  static final double NOMINAL_VIDEOS_PER_SECOND = 1.0 / 60;

  public static SyncEstimate of(
      long channelBacklog, Tier tier, long totalBacklog, long activeChannels, UploadRate measured) {
    if (channelBacklog <= 0) {
      return new SyncEstimate(0, 0);
    }
    long channels = Math.max(1, activeChannels);
    long rounds = (channelBacklog + SyncOrder.weight(tier) - 1) / SyncOrder.weight(tier);
    long ahead =
        Math.min(Math.max(totalBacklog, channelBacklog), channelBacklog + rounds * (channels - 1));
    double rate = measured.videos() > 0 ? measured.perSecond() : NOMINAL_VIDEOS_PER_SECOND;
    return new SyncEstimate((long) Math.ceil(ahead / rate), channels);
  }
}
