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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * joysync's side of WebSub for channel upload topics: subscribes at the hub with a callback URL and
 * a per-channel secret (HMAC of the channel id under one master secret, so no secret is stored),
 * answers the hub's verification only for subscriptions it asked for, checks the {@code
 * X-Hub-Signature} of every notification in constant time before trusting a byte of it, and renews
 * leases before they end. The HTTP callback itself belongs to the HTTP module, which hands the
 * query ({@link #verify}) and the raw body ({@link #notification}) here.
 */
public final class WebSubSubscriber {

  private static final Logger log = LoggerFactory.getLogger(WebSubSubscriber.class);
  private static final Pattern TOPIC_CHANNEL =
      Pattern.compile("[?&]channel_id=(UC[A-Za-z0-9_-]{22})$");
  private static final int MAX_PENDING = 100_000;

  /** Callback URL, master secret (never printed), requested lease and renewal margin. */
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
    /** Respond 200 with the challenge as the body. */
    record Confirm(String challenge) implements Verification {}

    /** Respond 404: not a subscription this node asked for. */
    record Refuse(String reason) implements Verification {}
  }

  /** What to make of a notification POST (always answer 2xx to the hub, per WebSub). */
  public sealed interface Notification {
    record Accepted(List<FeedEntry> entries) implements Notification {}

    record Rejected(String code, String reason) implements Notification {}
  }

  private final YoutubeEndpoints endpoints;
  private final HttpClient http;
  private final Settings settings;
  private final Clock clock;
  private final ConcurrentMap<String, String> pending = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> leases = new ConcurrentHashMap<>();

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

  private CompletionStage<Void> request(String mode, String channelId) {
    if (pending.size() >= MAX_PENDING) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("too many WebSub requests awaiting verification"));
    }
    pending.put(channelId, mode);
    String form =
        "hub.mode="
            + mode
            + "&hub.callback="
            + enc(settings.callbackUrl())
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
                pending.remove(channelId);
                throw new CompletionException(
                    new IllegalStateException(
                        "the hub refused to "
                            + mode
                            + " channel "
                            + channelId
                            + ": HTTP "
                            + response.statusCode()
                            + " "
                            + response.body().strip()));
              }
              return null;
            });
  }

  /** Handles the hub's verification GET (its query parameters). */
  public Verification verify(Map<String, String> query) {
    String mode = query.get("hub.mode");
    String topic = query.get("hub.topic");
    String challenge = query.get("hub.challenge");
    Optional<String> channelId = channelOf(topic);
    if (challenge == null || challenge.isEmpty() || channelId.isEmpty()) {
      return new Verification.Refuse("a verification without topic or challenge");
    }
    if (mode == null
        || !mode.equals(pending.get(channelId.get()))
        || !topic.equals(endpoints.topicUrl(channelId.get()))) {
      log.warn("refused WebSub {} verification for {}: not requested by this node", mode, topic);
      return new Verification.Refuse("not a subscription this node requested");
    }
    pending.remove(channelId.get());
    if (mode.equals("subscribe")) {
      long lease;
      try {
        lease =
            Long.parseLong(
                query.getOrDefault("hub.lease_seconds", Long.toString(settings.leaseSeconds())));
      } catch (NumberFormatException e) {
        lease = settings.leaseSeconds();
      }
      leases.put(channelId.get(), clock.instant().plusSeconds(lease));
    } else {
      leases.remove(channelId.get());
    }
    return new Verification.Confirm(challenge);
  }

  /** Checks and parses a notification POST: the signature first, then the Atom body. */
  public Notification notification(byte[] body, Optional<String> signature) {
    if (body.length > settings.maxBodyBytes()) {
      return new Notification.Rejected(
          "WEBSUB_TOO_LARGE", "notification larger than " + settings.maxBodyBytes() + " bytes");
    }
    if (signature.isEmpty()) {
      return new Notification.Rejected("WEBSUB_UNSIGNED", "notification without X-Hub-Signature");
    }
    List<FeedEntry> entries;
    try {
      entries = AtomFeedParser.parse(body);
    } catch (FeedException e) {
      return new Notification.Rejected(e.code(), e.getMessage());
    }
    if (entries.isEmpty()) {
      return new Notification.Accepted(List.of());
    }
    String channelId = entries.get(0).channelId();
    if (entries.stream().anyMatch(e -> !e.channelId().equals(channelId))
        || !leases.containsKey(channelId)) {
      return new Notification.Rejected(
          "WEBSUB_UNKNOWN_TOPIC", "notification for a channel this node is not subscribed to");
    }
    if (!signatureMatches(signature.get(), secretFor(channelId), body)) {
      log.warn(
          "forged WebSub notification for channel {} (videos {}) rejected",
          channelId,
          entries.stream().map(FeedEntry::videoId).toList());
      return new Notification.Rejected(
          "WEBSUB_BAD_SIGNATURE", "the X-Hub-Signature does not match");
    }
    return new Notification.Accepted(entries);
  }

  /** When the lease of a channel's subscription ends, if it is live. */
  public Optional<Instant> leaseEnd(String channelId) {
    return Optional.ofNullable(leases.get(channelId));
  }

  /** Channels whose lease ends within the renewal margin. */
  public List<String> renewalsDue() {
    Instant threshold = clock.instant().plus(settings.renewalMargin());
    return leases.entrySet().stream()
        .filter(e -> e.getValue().isBefore(threshold))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Re-subscribes every channel whose lease is about to end; call it periodically. */
  public CompletionStage<List<String>> renewDue() {
    List<String> due = renewalsDue();
    CompletableFuture<?>[] requests =
        due.stream().map(c -> subscribe(c).toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(requests).thenApply(x -> due);
  }

  String secretFor(String channelId) {
    return HexFormat.of()
        .formatHex(
            hmac(
                "HmacSHA256",
                settings.masterSecret().getBytes(StandardCharsets.UTF_8),
                channelId.getBytes(StandardCharsets.UTF_8)));
  }

  static boolean signatureMatches(String header, String secret, byte[] body) {
    int eq = header.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm =
        switch (header.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT)) {
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
