package io.joysync.engine.youtube.download;

import io.joysync.engine.video.UnavailableReason;
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

  enum RetryReason {
    RATE_LIMITED,
    BOT_CHECK,
    NETWORK,
    NO_PROXY_AVAILABLE,
    UNKNOWN
  }
}
