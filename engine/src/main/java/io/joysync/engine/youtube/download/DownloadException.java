package io.joysync.engine.youtube.download;

/** Carries a {@link DownloadFailure} through asynchronous stages; the message names the video. */
public final class DownloadException extends Exception {

  private final transient DownloadFailure failure;
  private final String videoId;

  public DownloadException(String videoId, DownloadFailure failure) {
    super(videoId + ": " + failure.state() + " (" + failure.detail() + ")", null, false, false);
    this.videoId = videoId;
    this.failure = failure;
  }

  public DownloadFailure failure() {
    return failure;
  }

  public String videoId() {
    return videoId;
  }
}
