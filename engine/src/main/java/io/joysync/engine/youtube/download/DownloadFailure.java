package io.joysync.engine.youtube.download;

import java.util.Objects;

/**
 * Why a download did not produce a usable file, as a closed set. {@link VideoUnavailable} is
 * permanent: the video is parked in {@code VideoUnavailable::<reason>} and not retried. {@link
 * Retryable} leaves the video pending; {@link RetryReason#RATE_LIMITED} and {@link
 * RetryReason#BOT_CHECK} also mean the egress proxy is burnt and must be quarantined.
 */
public sealed interface DownloadFailure {

  String detail();

  /** The video state joysync records, e.g. {@code VideoUnavailable::Private}. */
  String state();

  record VideoUnavailable(UnavailableReason reason, String detail) implements DownloadFailure {
    public VideoUnavailable {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String state() {
      return "VideoUnavailable::" + reason.stateName();
    }
  }

  record Retryable(RetryReason reason, String detail) implements DownloadFailure {
    public Retryable {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String state() {
      return "New";
    }

    /** Whether the proxy the download went through should be quarantined. */
    public boolean blamesProxy() {
      return reason == RetryReason.RATE_LIMITED || reason == RetryReason.BOT_CHECK;
    }
  }

  /** Permanent reasons; youtube-synch's states plus the ones it lumped together or missed. */
  enum UnavailableReason {
    UNAVAILABLE("Unavailable"),
    PRIVATE("Private"),
    MEMBERS_ONLY("MembersOnly"),
    AGE_RESTRICTED("AgeRestricted"),
    LIVE_OFFLINE("LiveOffline"),
    GEO_BLOCKED("GeoBlocked"),
    POSTPROCESSING_ERROR("PostprocessingError"),
    EMPTY_DOWNLOAD("EmptyDownload"),
    NOT_A_VIDEO("NotAVideo"),
    SKIPPED("Skipped"),
    DOWNLOAD_TIMED_OUT("DownloadTimedOut");

    private final String stateName;

    UnavailableReason(String stateName) {
      this.stateName = stateName;
    }

    public String stateName() {
      return stateName;
    }
  }

  enum RetryReason {
    RATE_LIMITED,
    BOT_CHECK,
    NETWORK,
    NO_PROXY_AVAILABLE,
    UNKNOWN
  }
}
