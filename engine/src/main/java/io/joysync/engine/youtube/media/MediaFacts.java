package io.joysync.engine.youtube.media;

/** What ffprobe says about a downloaded file: what Joystream's video metadata needs. */
public record MediaFacts(
    int width,
    int height,
    String videoCodec,
    String audioCodec,
    String container,
    double durationSeconds,
    String mimeType,
    long sizeBytes) {

  public boolean hasAudio() {
    return audioCodec != null;
  }
}
