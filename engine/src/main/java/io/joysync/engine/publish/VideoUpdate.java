package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.joystream.content.VideoFacts;

/**
 * A title or description edited on YouTube, to put on the Joystream video joysync created for it
 * with a metadata-only {@code content.update_video}. {@code revision} numbers the edit on the
 * video's entity: an account signs each revision of a video at most once.
 */
public record VideoUpdate(
    String ytVideoId,
    long joystreamChannelId,
    long joystreamVideoId,
    int revision,
    String title,
    String description)
    implements CborSerializable {

  /** What identifies the request at an account: the video and the edit. */
  public String key() {
    return ytVideoId + "@" + revision;
  }

  /**
   * The call's {@code new_meta}: the title and description as {@code create_video} encodes them
   * ({@link VideoFacts#toTextUpdate()}).
   */
  public byte[] newMeta() {
    return new VideoFacts(
            ytVideoId,
            title,
            description,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null)
        .toTextUpdate()
        .toByteArray();
  }
}
