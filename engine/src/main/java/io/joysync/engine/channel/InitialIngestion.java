package io.joysync.engine.channel;

import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.youtube.YoutubeChannel;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * youtube-synch's initial ingestion: right after a channel signs up, its newest syncable uploads,
 * up to its tier's video cap, are tracked in state {@code New}, so the creator sees them listed at
 * once. Best effort, as in youtube-synch: it runs after the sign-up was answered, draws on the sync
 * quota (waiting for the next day when that is spent), and a failure is only logged; videos already
 * tracked are left as they are, so signing up again repeats it harmlessly. A verification that
 * raises the channel's tier runs it again, up to the new tier's cap (youtube-synch's polling
 * reached the same by looking at the newest uploads every cycle).
 */
public final class InitialIngestion {

  private static final Logger log = LoggerFactory.getLogger(InitialIngestion.class);

  private final YoutubeDataClient youtube;
  private final VideoTracking tracking;
  private final Clock clock;

  public InitialIngestion(
      ActorSystem<?> system, YoutubeDataClient youtube, Duration askTimeout, Clock clock) {
    this.youtube = youtube;
    this.tracking = new VideoTracking(system, askTimeout);
    this.clock = clock;
  }

  /** Starts the ingestion of a channel that signed up, unless it is not to be synced. */
  public void start(YoutubeChannel channel, ChannelState state) {
    start(channel.id(), Optional.ofNullable(channel.uploadsPlaylistId()), state);
  }

  /**
   * Starts the ingestion of a channel joysync knows (after a verification raised its tier, and with
   * it the number of its newest uploads to sync), unless it is not to be synced.
   */
  public void start(String channelId, ChannelState state) {
    start(channelId, state.registration().flatMap(r -> r.profile().uploadsPlaylistId()), state);
  }

  private void start(String channelId, Optional<String> uploadsPlaylistId, ChannelState state) {
    if (!state.isSyncEnabled()) {
      return;
    }
    int cap = state.status().limits().videoCap();
    youtube
        .syncableUploads(uploadsPlaylistId, cap, QuotaPurpose.SYNC)
        .thenApply(videos -> videos.stream().map(VideoFacts::of).toList())
        .thenCompose(videos -> tracking.track(channelId, videos, clock.instant()))
        .whenComplete(
            (tracked, error) -> {
              if (error != null) {
                log.warn("Ingestion of channel {} failed: {}", channelId, error.toString());
              } else {
                log.info(
                    "Ingestion of channel {} (up to {} newest uploads): {} videos tracked, {}"
                        + " already tracked",
                    channelId,
                    cap,
                    tracked.added().size(),
                    tracked.alreadyTracked().size());
              }
            });
  }
}
