package io.joysync.engine.video;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a video is parked in {@code VideoUnavailable::<reason>} and never retried: youtube-synch's
 * reasons plus the download failures it lumped together ({@code MembersOnly}, {@code
 * AgeRestricted}, {@code GeoBlocked}, {@code NotAVideo}).
 */
public enum UnavailableReason {
  DELETED("Deleted"),
  PRIVATE("Private"),
  SKIPPED("Skipped"),
  OTHER("Other"),
  UNAVAILABLE("Unavailable"),
  POSTPROCESSING_ERROR("PostprocessingError"),
  EMPTY_DOWNLOAD("EmptyDownload"),
  LIVE_OFFLINE("LiveOffline"),
  DOWNLOAD_TIMED_OUT("DownloadTimedOut"),
  MEMBERS_ONLY("MembersOnly"),
  AGE_RESTRICTED("AgeRestricted"),
  GEO_BLOCKED("GeoBlocked"),
  NOT_A_VIDEO("NotAVideo");

  private final String stateName;

  UnavailableReason(String stateName) {
    this.stateName = stateName;
  }

  /** The part after {@code VideoUnavailable::} in the video's state. */
  public String stateName() {
    return stateName;
  }

  public static Optional<UnavailableReason> parse(String stateName) {
    return Arrays.stream(values()).filter(r -> r.stateName.equals(stateName)).findFirst();
  }
}
