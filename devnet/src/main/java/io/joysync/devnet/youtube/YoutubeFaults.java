package io.joysync.devnet.youtube;

/**
 * The fault switches of the YouTube devnet, as one immutable value. Each switch reproduces a
 * failure youtube-synch met in production: daily quota gone, Google 5xx, malformed JSON, media
 * served at a crawl, HTTP 429 and the "Sign in to confirm you're not a bot" wall on media, all
 * refresh tokens revoked ({@code invalid_grant}), feeds cut off half-way, and feeds answering 503
 * (youtube.com's transient errors); and the capacity of the link every media download shares
 * ({@code mediaLinkBytesPerSecond}, for benchmarks bounded by the network).
 */
public record YoutubeFaults(
    boolean quotaExhausted,
    boolean serverErrors,
    boolean malformedResponses,
    long slowMediaBytesPerSecond,
    boolean mediaRateLimited,
    boolean botCheck,
    boolean tokensRevoked,
    boolean truncatedFeeds,
    boolean feedErrors,
    long mediaLinkBytesPerSecond) {

  public static final YoutubeFaults NONE =
      new YoutubeFaults(false, false, false, 0, false, false, false, false, false, 0);

  public YoutubeFaults {
    if (slowMediaBytesPerSecond < 0) {
      throw new IllegalArgumentException("slowMediaBytesPerSecond must be >= 0");
    }
    if (mediaLinkBytesPerSecond < 0) {
      throw new IllegalArgumentException("mediaLinkBytesPerSecond must be >= 0");
    }
  }

  public YoutubeFaults withQuotaExhausted(boolean on) {
    return new YoutubeFaults(
        on,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withServerErrors(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        on,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withMalformedResponses(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        on,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withSlowMedia(long bytesPerSecond) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        bytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withMediaRateLimited(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        on,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withBotCheck(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        on,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withTokensRevoked(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        on,
        truncatedFeeds,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withTruncatedFeeds(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        on,
        feedErrors,
        mediaLinkBytesPerSecond);
  }

  public YoutubeFaults withFeedErrors(boolean on) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        on,
        mediaLinkBytesPerSecond);
  }

  /**
   * The capacity of the link all media downloads share (bytes a second; 0: not shaped), as the
   * network between a downloading node and YouTube limits them together, whatever their number.
   */
  public YoutubeFaults withMediaLink(long bytesPerSecond) {
    return new YoutubeFaults(
        quotaExhausted,
        serverErrors,
        malformedResponses,
        slowMediaBytesPerSecond,
        mediaRateLimited,
        botCheck,
        tokensRevoked,
        truncatedFeeds,
        feedErrors,
        bytesPerSecond);
  }
}
