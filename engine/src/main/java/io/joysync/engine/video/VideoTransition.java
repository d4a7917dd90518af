package io.joysync.engine.video;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.joysync.engine.serialization.CborSerializable;
import io.joysync.engine.video.VideoState.Stage;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A step of a video's way to Joystream (youtube-synch's table of video transitions), with the
 * states it may start from. Asking for the step a video has already taken is answered as done and
 * changes nothing, so a step repeated after a crash is never applied twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
  @JsonSubTypes.Type(value = VideoTransition.StartCreating.class, name = "StartCreating"),
  @JsonSubTypes.Type(value = VideoTransition.Created.class, name = "Created"),
  @JsonSubTypes.Type(value = VideoTransition.CreationFailed.class, name = "CreationFailed"),
  @JsonSubTypes.Type(value = VideoTransition.Reset.class, name = "Reset"),
  @JsonSubTypes.Type(value = VideoTransition.StartUpload.class, name = "StartUpload"),
  @JsonSubTypes.Type(value = VideoTransition.Uploaded.class, name = "Uploaded"),
  @JsonSubTypes.Type(value = VideoTransition.UploadFailed.class, name = "UploadFailed"),
  @JsonSubTypes.Type(value = VideoTransition.MarkUnavailable.class, name = "MarkUnavailable")
})
public sealed interface VideoTransition extends CborSerializable {

  /** The states this step may start from. */
  Set<Stage> from();

  VideoState target();

  /** The step in words, for refusals: "start creating", "mark uploaded". */
  String action();

  /** Whether the step moves the video on (clearing its failed attempts), not back or sideways. */
  default boolean progress() {
    return false;
  }

  /** The batch holding this video is about to be submitted (the pre-commit lock). */
  record StartCreating() implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.NEW, Stage.VIDEO_CREATION_FAILED);
    }

    public VideoState target() {
      return VideoState.CREATING_VIDEO;
    }

    public String action() {
      return "start creating it";
    }
  }

  /** The video is on chain; {@code sizeBytes} counts media and thumbnail. */
  record Created(JoystreamVideo video, long sizeBytes) implements VideoTransition {
    public Created {
      Objects.requireNonNull(video, "video");
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative");
      }
    }

    public Set<Stage> from() {
      return EnumSet.of(Stage.CREATING_VIDEO);
    }

    public VideoState target() {
      return VideoState.VIDEO_CREATED;
    }

    public String action() {
      return "record it as created";
    }

    @Override
    public boolean progress() {
      return true;
    }
  }

  record CreationFailed(String detail) implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.CREATING_VIDEO);
    }

    public VideoState target() {
      return VideoState.VIDEO_CREATION_FAILED;
    }

    public String action() {
      return "record a failed creation";
    }
  }

  /** After a crash the chain had no video for it: it is new again. */
  record Reset() implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.CREATING_VIDEO);
    }

    public VideoState target() {
      return VideoState.NEW;
    }

    public String action() {
      return "reset it to New";
    }
  }

  record StartUpload() implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.VIDEO_CREATED, Stage.UPLOAD_FAILED);
    }

    public VideoState target() {
      return VideoState.UPLOAD_STARTED;
    }

    public String action() {
      return "start uploading it";
    }
  }

  /** Both assets are accepted by the storage node. */
  record Uploaded() implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.UPLOAD_STARTED);
    }

    public VideoState target() {
      return VideoState.UPLOAD_SUCCEEDED;
    }

    public String action() {
      return "mark it uploaded";
    }

    @Override
    public boolean progress() {
      return true;
    }
  }

  record UploadFailed(String detail) implements VideoTransition {
    public Set<Stage> from() {
      return EnumSet.of(Stage.UPLOAD_STARTED);
    }

    public VideoState target() {
      return VideoState.UPLOAD_FAILED;
    }

    public String action() {
      return "record a failed upload";
    }
  }

  /** The video can never be taken (skipped by a cap, gone from YouTube or Joystream, ...). */
  record MarkUnavailable(UnavailableReason reason, String detail) implements VideoTransition {
    public MarkUnavailable {
      Objects.requireNonNull(reason, "reason");
    }

    public Set<Stage> from() {
      return EnumSet.of(
          Stage.NEW,
          Stage.VIDEO_CREATION_FAILED,
          Stage.VIDEO_CREATED,
          Stage.UPLOAD_FAILED,
          Stage.UPLOAD_STARTED);
    }

    public VideoState target() {
      return VideoState.unavailable(reason);
    }

    public String action() {
      return "mark it " + target().wireName();
    }

    @Override
    public boolean progress() {
      return true;
    }
  }

  /**
   * Whether the step applies to a video in {@code current}: empty when it does, or the sentence
   * explaining the refusal. A video already in the target state is not refused here; callers answer
   * that as done.
   */
  default Optional<String> refusal(String videoId, VideoState current) {
    if (from().contains(current.stage())) {
      return Optional.empty();
    }
    return Optional.of(
        "Video " + videoId + " is " + current.wireName() + "; cannot " + action() + ".");
  }
}
