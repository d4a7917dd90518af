package io.joysync.engine.video;

import io.joysync.engine.serialization.CborSerializable;
import java.util.List;

/**
 * The video joysync created on Joystream for a YouTube video: its id and the data object ids of its
 * assets, media first and thumbnail second (youtube-synch's {@code joystreamVideo}).
 */
public record JoystreamVideo(long id, List<Long> assetIds) implements CborSerializable {
  public JoystreamVideo {
    assetIds = List.copyOf(assetIds);
  }
}
