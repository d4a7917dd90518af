package io.joysync.devnet.youtube;

/**
 * The fault switches of the YouTube devnet, as one immutable value. Each switch reproduces a
 * failure youtube-synch met in production: daily quota gone, Google 5xx, malformed JSON, media
 * served at a crawl, HTTP 429 and the "Sign in to confirm you're not a bot" wall on media, and all
 * refresh tokens revoked ({@code invalid_grant}).
 */
public record YoutubeFaults(
    boolean quotaExhausted,
    boolean serverErrors,
    boolean malformedResponses,
    long slowMediaBytesPerSecond,
    boolean mediaRateLimited,
    boolean botCheck,
    boolean tokensRevoked,
    boolean truncatedFeeds) {

  public static final YoutubeFaults NONE =
      new YoutubeFaults(false, false, false, 0, false, false, false, false);

  public YoutubeFaults {
    if (slowMediaBytesPerSecond < 0) {
      throw new IllegalArgumentException("slowMediaBytesPerSecond must be >= 0");
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        truncatedFeeds);
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
        on);
  }
}
