package io.joysync.joystream.storage;

import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.metadata.ScaleValue;
import java.math.BigInteger;
import java.util.List;

/** {@code Content.VideoById} of an existing video: its channel and its data objects. */
public record VideoInfo(
    long videoId, long channelId, List<Long> dataObjects, BigInteger stateBloatBond) {
  public VideoInfo {
    dataObjects = List.copyOf(dataObjects);
  }

  static VideoInfo of(long videoId, ScaleValue v) {
    return new VideoInfo(
        videoId,
        v.field("in_channel").asLong(),
        JoystreamEvents.ids(v.field("data_objects")),
        v.field("video_state_bloat_bond").field("amount").asBigInteger());
  }
}
