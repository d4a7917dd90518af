package io.joysync.engine.youtube.media;

/** ffprobe could not describe the file as a video; {@link #code()} says why. */
public final class MediaProbeException extends Exception {

  private final String code;

  public MediaProbeException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
