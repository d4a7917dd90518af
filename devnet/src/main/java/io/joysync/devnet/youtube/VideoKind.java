package io.joysync.devnet.youtube;

/**
 * What a devnet video looks like to the Data API and how its media answers yt-dlp. The media
 * failures carry YouTube's own wording in the HTTP reason phrase, which the real yt-dlp (generic
 * extractor) prints verbatim in its error, so joysync's classifier sees the text it sees in
 * production.
 */
public enum VideoKind {
  PUBLIC("processed", "public", "none", false, 200, null),
  UNLISTED("processed", "unlisted", "none", false, 200, null),
  PRIVATE("processed", "private", "none", false, 403, "Private video"),
  LIVE("processed", "public", "live", false, 403, "This live event will begin in a few moments"),
  UPCOMING("processed", "public", "upcoming", false, 403, "Premieres in 5 hours"),
  AGE_RESTRICTED("processed", "public", "none", true, 403, "Sign in to confirm your age"),
  PROCESSING("uploaded", "public", "none", false, 404, "Video unavailable"),
  MEMBERS_ONLY(
      "processed",
      "public",
      "none",
      false,
      403,
      "Join this channel to get access to members-only content like this video"),
  GEO_BLOCKED(
      "processed",
      "public",
      "none",
      false,
      451,
      "The uploader has not made this video available in your country"),
  UNAVAILABLE("processed", "public", "none", false, 404, "Video unavailable"),
  EMPTY_MEDIA("processed", "public", "none", false, 200, null),
  NOT_A_VIDEO("processed", "public", "none", false, 200, null);

  private final String uploadStatus;
  private final String privacyStatus;
  private final String liveBroadcastContent;
  private final boolean ageRestricted;
  private final int mediaStatus;
  private final String mediaReason;

  VideoKind(
      String uploadStatus,
      String privacyStatus,
      String liveBroadcastContent,
      boolean ageRestricted,
      int mediaStatus,
      String mediaReason) {
    this.uploadStatus = uploadStatus;
    this.privacyStatus = privacyStatus;
    this.liveBroadcastContent = liveBroadcastContent;
    this.ageRestricted = ageRestricted;
    this.mediaStatus = mediaStatus;
    this.mediaReason = mediaReason;
  }

  public String uploadStatus() {
    return uploadStatus;
  }

  public String privacyStatus() {
    return privacyStatus;
  }

  public String liveBroadcastContent() {
    return liveBroadcastContent;
  }

  public boolean ageRestricted() {
    return ageRestricted;
  }

  /** HTTP status of the media URL. */
  public int mediaStatus() {
    return mediaStatus;
  }

  /** Reason phrase of a failing media URL, null when the media is served. */
  public String mediaReason() {
    return mediaReason;
  }
}
