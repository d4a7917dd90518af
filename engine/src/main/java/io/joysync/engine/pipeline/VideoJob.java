package io.joysync.engine.pipeline;

import io.joysync.engine.publish.AssetFacts;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.TrackedVideo;
import io.joysync.engine.youtube.media.MediaFacts;
import java.nio.file.Path;

/**
 * One video on its way through the pipeline's stages, as what it has gathered so far. Each stage
 * takes the kind it works on and passes any other kind through unchanged, so a video that needs
 * fewer steps (already created, only to be uploaded) or that is done early ({@link Finished}) flows
 * past the stages it does not need.
 */
public sealed interface VideoJob {

  String videoId();

  /** Found in the work index, with its entity's record and its channel's Joystream id. */
  record Planned(TrackedVideo video, long joystreamChannelId) implements VideoJob {
    public String videoId() {
      return video.id();
    }
  }

  /**
   * On Joystream and uploaded, with a title or description edit its Joystream video does not carry
   * yet: only {@link UpdateStage} works on it.
   */
  record UpdateDue(TrackedVideo video, long joystreamChannelId) implements VideoJob {
    public String videoId() {
      return video.id();
    }
  }

  /** Its files are on the local disk, within the reserved budget. */
  record Downloaded(Planned planned, LocalFiles files) implements VideoJob {
    public String videoId() {
      return planned.videoId();
    }
  }

  /** Probed and hashed: what the chain registers of its two files. */
  record Hashed(
      Downloaded downloaded, MediaFacts media, AssetFacts mediaAsset, AssetFacts thumbnail)
      implements VideoJob {
    public String videoId() {
      return downloaded.videoId();
    }
  }

  /** On chain; its files are still to be uploaded. */
  record OnChain(Downloaded downloaded, JoystreamVideo video) implements VideoJob {
    public String videoId() {
      return downloaded.videoId();
    }
  }

  /** Nothing more to do in this round: {@code outcome} says what happened, for the logs. */
  record Finished(String videoId, String outcome) implements VideoJob {}

  /** The video's channel does not sync now: its videos are left alone for a while. */
  record ChannelNotSyncing(String videoId, String channelId) implements VideoJob {}

  /** The media and thumbnail files of a video and the disk budget they hold. */
  record LocalFiles(Path media, Path thumbnail, long reservedBytes) {}
}
