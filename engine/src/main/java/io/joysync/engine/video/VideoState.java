package io.joysync.engine.video;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a video is on its way from YouTube to Joystream, with the wire names of youtube-synch's
 * records ({@code New}, {@code CreatingVideo}, {@code UploadSucceeded}, {@code
 * VideoUnavailable::Private}, ...). {@code UploadSucceeded} and every {@code VideoUnavailable} are
 * final.
 */
public record VideoState(Stage stage, Optional<UnavailableReason> reason) {

  public enum Stage {
    NEW("New"),
    VIDEO_CREATION_FAILED("VideoCreationFailed"),
    CREATING_VIDEO("CreatingVideo"),
    VIDEO_CREATED("VideoCreated"),
    UPLOAD_FAILED("UploadFailed"),
    UPLOAD_STARTED("UploadStarted"),
    UPLOAD_SUCCEEDED("UploadSucceeded"),
    VIDEO_UNAVAILABLE("VideoUnavailable");

    private final String wireName;

    Stage(String wireName) {
      this.wireName = wireName;
    }
  }

  public static final VideoState NEW = of(Stage.NEW);
  public static final VideoState VIDEO_CREATION_FAILED = of(Stage.VIDEO_CREATION_FAILED);
  public static final VideoState CREATING_VIDEO = of(Stage.CREATING_VIDEO);
  public static final VideoState VIDEO_CREATED = of(Stage.VIDEO_CREATED);
  public static final VideoState UPLOAD_FAILED = of(Stage.UPLOAD_FAILED);
  public static final VideoState UPLOAD_STARTED = of(Stage.UPLOAD_STARTED);
  public static final VideoState UPLOAD_SUCCEEDED = of(Stage.UPLOAD_SUCCEEDED);

  public VideoState {
    Objects.requireNonNull(stage, "stage");
    if ((stage == Stage.VIDEO_UNAVAILABLE) != reason.isPresent()) {
      throw new IllegalArgumentException("A reason goes with VideoUnavailable and only with it");
    }
  }

  private static VideoState of(Stage stage) {
    return new VideoState(stage, Optional.empty());
  }

  public static VideoState unavailable(UnavailableReason reason) {
    return new VideoState(Stage.VIDEO_UNAVAILABLE, Optional.of(reason));
  }

  /** Nothing more happens to a video that reached Joystream or can never be taken. */
  public boolean isFinal() {
    return stage == Stage.UPLOAD_SUCCEEDED || stage == Stage.VIDEO_UNAVAILABLE;
  }

  public String wireName() {
    return reason
        .map(r -> Stage.VIDEO_UNAVAILABLE.wireName + "::" + r.stateName())
        .orElse(stage.wireName);
  }

  @Override
  public String toString() {
    return wireName();
  }

  public static Optional<VideoState> parse(String wireName) {
    String prefix = Stage.VIDEO_UNAVAILABLE.wireName + "::";
    if (wireName.startsWith(prefix)) {
      return UnavailableReason.parse(wireName.substring(prefix.length()))
          .map(VideoState::unavailable);
    }
    for (Stage s : Stage.values()) {
      if (s != Stage.VIDEO_UNAVAILABLE && s.wireName.equals(wireName)) {
        return Optional.of(of(s));
      }
    }
    return Optional.empty();
  }
}
