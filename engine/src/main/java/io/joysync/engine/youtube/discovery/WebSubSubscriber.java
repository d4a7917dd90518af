package io.joysync.engine.youtube.discovery;

import io.joysync.engine.youtube.YoutubeEndpoints;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * joysync's side of WebSub for channel upload topics. It keeps no state, so that any node of the
 * cluster can answer the hub: each channel's callback URL carries the channel id and a token (an
 * HMAC under the master secret), and the channel's {@code hub.secret} is another HMAC of its id.
 * Verification GETs are confirmed only when the token proves the callback is one joysync
 * registered; every notification's {@code X-Hub-Signature} is checked in constant time before it is
 * trusted; the lease end of a confirmed subscription is returned so that the channel's entity
 * persists it and renews through {@link #renew} before it ends. The HTTP callback route belongs to
 * the HTTP module, which hands the query ({@link #verify}) and the raw body ({@link #notification})
 * here.
 */
public final class WebSubSubscriber {

  private static final Logger log = LoggerFactory.getLogger(WebSubSubscriber.class);
  private static final Pattern TOPIC_CHANNEL =
      Pattern.compile("[?&]channel_id=(UC[A-Za-z0-9_-]{22})$");

  /** Callback base URL, master secret (never printed), requested lease and renewal margin. */
  public record Settings(
      String callbackUrl,
      String masterSecret,
      long leaseSeconds,
      Duration renewalMargin,
      int maxBodyBytes) {
    public Settings {
      if (masterSecret == null || masterSecret.length() < 16) {
        throw new IllegalArgumentException("the WebSub master secret needs at least 16 characters");
      }
      if (leaseSeconds < 1 || maxBodyBytes < 1) {
        throw new IllegalArgumentException("leaseSeconds and maxBodyBytes must be positive");
      }
    }

    @Override
    public String toString() {
      return "Settings[callbackUrl="
          + callbackUrl
          + ", masterSecret=<redacted>, leaseSeconds="
          + leaseSeconds
          + ", renewalMargin="
          + renewalMargin
          + ", maxBodyBytes="
          + maxBodyBytes
          + "]";
    }
  }

  /** The answer to the hub's verification GET. */
  public sealed interface Verification {
    /**
     * Respond 200 with the challenge as the body, and persist {@code leaseEnd} with the channel
     * (empty after an unsubscribe).
     */
    record Confirm(String challenge, String channelId, String mode, Optional<Instant> leaseEnd)
        implements Verification {}

    /** Respond 404: not a callback joysync registered. */
    record Refuse(String reason) implements Verification {}
  }

  /** What to make of a notification POST. */
  public sealed interface Notification {
    /** Signed by the hub with the channel's secret: new or edited videos and deleted ones. */
    record Accepted(
        Optional<String> channelId, List<FeedEntry> entries, List<FeedDeletion> deletions)
        implements Notification {
      public Accepted {
        entries = List.copyOf(entries);
        deletions = List.copyOf(deletions);
      }
    }

    /** Not to be trusted or not usable; {@code code} says why. */
    record Rejected(String code, String reason) implements Notification {}
  }

  private final YoutubeEndpoints endpoints;
  private final HttpClient http;
  private final Settings settings;
  private final Clock clock;

  public WebSubSubscriber(
      YoutubeEndpoints endpoints, HttpClient http, Settings settings, Clock clock) {
    this.endpoints = endpoints;
    this.http = http;
    this.settings = settings;
    this.clock = clock;
  }

  /** Asks the hub to subscribe; the subscription is live once the hub's verification succeeds. */
  public CompletionStage<Void> subscribe(String channelId) {
    return request("subscribe", channelId);
  }

  public CompletionStage<Void> unsubscribe(String channelId) {
    return request("unsubscribe", channelId);
  }

  /** Re-subscribes the given channels (those whose persisted lease is due). */
  public CompletionStage<List<String>> renew(List<String> channelIds) {
    CompletableFuture<?>[] requests =
        channelIds.stream()
            .map(c -> subscribe(c).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(requests).thenApply(x -> List.copyOf(channelIds));
  }

  /** Whether a subscription whose lease ends at {@code leaseEnd} must be renewed now. */
  public boolean renewalDue(Instant leaseEnd) {
    return leaseEnd.isBefore(clock.instant().plus(settings.renewalMargin()));
  }

  /** The callback URL registered for a channel: the base URL plus the channel id and its token. */
  public String callbackUrl(String channelId) {
    String base = settings.callbackUrl();
    return base
        + (base.contains("?") ? "&" : "?")
        + "channel_id="
        + channelId
        + "&token="
        + token(channelId);
  }

  private CompletionStage<Void> request(String mode, String channelId) {
    String form =
        "hub.mode="
            + mode
            + "&hub.callback="
            + enc(callbackUrl(channelId))
            + "&hub.topic="
            + enc(endpoints.topicUrl(channelId))
            + "&hub.verify=async"
            + "&hub.lease_seconds="
            + settings.leaseSeconds()
            + "&hub.secret="
            + enc(secretFor(channelId));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoints.hubUrl()))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 202 && response.statusCode() != 204) {
                String body = response.body().strip();
                throw new CompletionException(
                    new FeedException(
                        response.statusCode() >= 500 || response.statusCode() == 429
                            ? "FEED_UNAVAILABLE"
                            : "WEBSUB_REFUSED",
                        "the hub refused to "
                            + mode
                            + " channel "
                            + channelId
                            + ": HTTP "
                            + response.statusCode()
                            + " "
                            + body.substring(0, Math.min(200, body.length()))));
              }
              return null;
            });
  }

  /** Handles the hub's verification GET (all query parameters of the callback request). */
  public Verification verify(Map<String, String> query) {
    String mode = query.get("hub.mode");
    String topic = query.get("hub.topic");
    String challenge = query.get("hub.challenge");
    Optional<String> channelId = channelOf(topic);
    if (challenge == null
        || challenge.isEmpty()
        || channelId.isEmpty()
        || !("subscribe".equals(mode) || "unsubscribe".equals(mode))) {
      return new Verification.Refuse("a verification without mode, topic or challenge");
    }
    String token = query.getOrDefault("token", "");
    boolean ours =
        channelId.get().equals(query.get("channel_id"))
            && topic.equals(endpoints.topicUrl(channelId.get()))
            && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8),
                token(channelId.get()).getBytes(StandardCharsets.UTF_8));
    if (!ours) {
      log.warn(
          "refused WebSub {} verification for {}: not a callback joysync registered", mode, topic);
      return new Verification.Refuse("not a subscription joysync requested");
    }
    Optional<Instant> leaseEnd = Optional.empty();
    if (mode.equals("subscribe")) {
      long lease;
      try {
        lease =
            Long.parseLong(
                query.getOrDefault("hub.lease_seconds", Long.toString(settings.leaseSeconds())));
      } catch (NumberFormatException e) {
        lease = settings.leaseSeconds();
      }
      leaseEnd = Optional.of(clock.instant().plusSeconds(lease));
    }
    return new Verification.Confirm(challenge, channelId.get(), mode, leaseEnd);
  }

  /**
   * Checks and parses a notification POST: size and signature presence, then the body, then the
   * HMAC with the secret of the one channel the body names.
   */
  public Notification notification(byte[] body, Optional<String> signature) {
    return notification(Optional.empty(), body, signature);
  }

  /**
   * As {@link #notification(byte[], Optional)}, for a POST to the callback URL registered for
   * {@code callbackChannel} (its {@code channel_id} parameter): a body about another channel is
   * refused.
   */
  public Notification notification(
      Optional<String> callbackChannel, byte[] body, Optional<String> signature) {
    if (body.length > settings.maxBodyBytes()) {
      return new Notification.Rejected(
          "WEBSUB_TOO_LARGE", "notification larger than " + settings.maxBodyBytes() + " bytes");
    }
    if (signature.isEmpty()) {
      return new Notification.Rejected("WEBSUB_UNSIGNED", "notification without X-Hub-Signature");
    }
    AtomDocument document;
    try {
      document = AtomFeedParser.parseDocument(body);
    } catch (FeedException e) {
      return new Notification.Rejected(e.code(), e.getMessage());
    }
    if (document.isEmpty()) {
      return new Notification.Accepted(Optional.empty(), List.of(), List.of());
    }
    Optional<String> channel = document.channelId();
    if (channel.isEmpty()) {
      return new Notification.Rejected(
          "WEBSUB_MIXED_TOPICS", "one notification names several channels");
    }
    String channelId = channel.get();
    if (callbackChannel.isPresent() && !callbackChannel.get().equals(channelId)) {
      return new Notification.Rejected(
          "WEBSUB_WRONG_TOPIC",
          "a notification about channel "
              + channelId
              + " posted to the callback of channel "
              + callbackChannel.get());
    }
    if (!signatureMatches(signature.get(), secretFor(channelId), body)) {
      log.warn(
          "forged WebSub notification for channel {} (videos {}) rejected",
          channelId,
          document.entries().stream().map(FeedEntry::videoId).toList());
      return new Notification.Rejected(
          "WEBSUB_BAD_SIGNATURE", "the X-Hub-Signature does not match");
    }
    return new Notification.Accepted(channel, document.entries(), document.deletions());
  }

  /** The channel a callback URL was registered for, if its token proves joysync registered it. */
  public Optional<String> callbackChannel(Map<String, String> query) {
    String channelId = query.get("channel_id");
    String token = query.getOrDefault("token", "");
    if (channelId == null || !channelId.matches("UC[A-Za-z0-9_-]{22}")) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            token(channelId).getBytes(StandardCharsets.UTF_8))
        ? Optional.of(channelId)
        : Optional.empty();
  }

  String secretFor(String channelId) {
    return hex(
        hmac("HmacSHA256", master(), ("secret:" + channelId).getBytes(StandardCharsets.UTF_8)));
  }

  private String token(String channelId) {
    return hex(
        hmac("HmacSHA256", master(), ("callback:" + channelId).getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] master() {
    return settings.masterSecret().getBytes(StandardCharsets.UTF_8);
  }

  static boolean signatureMatches(String header, String secret, byte[] body) {
    int eq = header.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm =
        switch (header.substring(0, eq).trim().toLowerCase(Locale.ROOT)) {
          case "sha1" -> "HmacSHA1";
          case "sha256" -> "HmacSHA256";
          case "sha512" -> "HmacSHA512";
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    byte[] expected = hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), body);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(eq + 1).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static Optional<String> channelOf(String topic) {
    if (topic == null) {
      return Optional.empty();
    }
    Matcher m = TOPIC_CHANNEL.matcher(topic);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
