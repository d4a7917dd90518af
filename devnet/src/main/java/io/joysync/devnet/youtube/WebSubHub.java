package io.joysync.devnet.youtube;

import io.joysync.devnet.youtube.DevnetWorld.Channel;
import io.joysync.devnet.youtube.DevnetWorld.Video;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSub (PubSubHubbub) hub for channel upload topics, behaving like the one YouTube uses:
 * subscription requests are verified by a GET carrying {@code hub.challenge} that the subscriber
 * must echo; subscriptions hold a lease; each new upload, edit (title, description, visibility) and
 * deletion is POSTed as Atom to every live subscriber, signed with {@code X-Hub-Signature:
 * sha1=<HMAC-SHA1(secret, body)>} when a secret was given. A delivery the subscriber does not
 * answer with 2xx is tried again a few times, with growing pauses, as a real hub does.
 */
final class WebSubHub {

  private static final Logger log = LoggerFactory.getLogger(WebSubHub.class);
  private static final Pattern TOPIC =
      Pattern.compile(".*/feeds/videos\\.xml\\?channel_id=(UC[A-Za-z0-9_-]{22})$");
  private static final int MAX_SUBSCRIPTIONS = 2_000_000;
  private static final int MAX_DELIVERY_LOG = 1_000;
  private static final int DELIVERY_ATTEMPTS = 5;
  private static final long FIRST_RETRY_MILLIS = 500;

  record Subscription(String callback, String topic, String secret, Instant expiresAt) {}

  /** A delivery attempt to one subscriber, kept for the admin API. */
  record Delivery(String callback, String videoId, int status, int attempt) {}

  /** A live subscription as the admin API shows it (without its secret). */
  record Subscribed(String callback, String topic, String expiresAt) {}

  private final DevnetWorld world;
  private final MediaCatalog media;
  private final long defaultLeaseSeconds;
  private final HttpClient http;
  private final ExecutorService executor;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Subscription>> byChannel = new ConcurrentHashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final AtomicLong verifications = new AtomicLong();

  WebSubHub(
      DevnetWorld world, MediaCatalog media, long defaultLeaseSeconds, ExecutorService executor) {
    this.world = world;
    this.media = media;
    this.defaultLeaseSeconds = defaultLeaseSeconds;
    this.executor = executor;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  Reply request(Map<String, String> form) {
    String mode = form.get("hub.mode");
    String callback = form.get("hub.callback");
    String topic = form.get("hub.topic");
    if (!"subscribe".equals(mode) && !"unsubscribe".equals(mode)) {
      return Reply.text(400, "text/plain", "Invalid value for hub.mode");
    }
    if (callback == null || !(callback.startsWith("http://") || callback.startsWith("https://"))) {
      return Reply.text(400, "text/plain", "Invalid value for hub.callback");
    }
    if (topic == null || !TOPIC.matcher(topic).matches()) {
      return Reply.text(400, "text/plain", "Invalid value for hub.topic");
    }
    String secret = form.get("hub.secret");
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= 200) {
      return Reply.text(400, "text/plain", "Invalid value for hub.secret");
    }
    long lease;
    try {
      lease =
          Long.parseLong(
              form.getOrDefault("hub.lease_seconds", Long.toString(defaultLeaseSeconds)));
    } catch (NumberFormatException e) {
      return Reply.text(400, "text/plain", "Invalid value for hub.lease_seconds");
    }
    long granted = Math.max(1, Math.min(lease, defaultLeaseSeconds));
    if ("sync".equals(form.get("hub.verify"))) {
      boolean ok = verify(mode, callback, topic, secret, granted);
      return ok
          ? Reply.text(204, "text/plain", "")
          : Reply.text(409, "text/plain", "Challenge verification failed");
    }
    executor.execute(() -> verify(mode, callback, topic, secret, granted));
    return Reply.text(202, "text/plain", "");
  }

  /** Posts the notification for a new or edited video to every live subscriber of its channel. */
  void publish(Channel channel, Video video) {
    notify(
        channel,
        video.id(),
        AtomFeeds.notification(channel, video, media.baseUrl(), media.baseUrl() + "/websub"));
  }

  /** Posts the tombstone of a deleted video to every live subscriber of its channel. */
  void publishDeletion(Channel channel, String videoId) {
    notify(
        channel,
        videoId,
        AtomFeeds.deletion(
            channel, videoId, world.now(), media.baseUrl(), media.baseUrl() + "/websub"));
  }

  private void notify(Channel channel, String videoId, String body) {
    Instant now = world.now();
    for (Subscription s : byChannel.getOrDefault(channel.id(), Map.of()).values()) {
      if (s.expiresAt().isAfter(now)) {
        executor.execute(() -> deliver(s, videoId, body, 1));
      }
    }
  }

  /** Verification requests the hub has made (subscriptions and renewals). */
  long verifications() {
    return verifications.get();
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /**
   * The subscriptions the hub holds now. A subscriber learns of its subscription when it answers
   * the verification, a moment before the hub records it; a test that publishes right after must
   * wait for the subscription to show here.
   */
  List<Subscribed> subscriptions(Optional<String> channelId) {
    return (channelId.isPresent()
            ? byChannel.getOrDefault(channelId.get(), Map.of()).values()
            : subscriptions.values())
        .stream()
            .map(s -> new Subscribed(s.callback(), s.topic(), s.expiresAt().toString()))
            .toList();
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  private boolean verify(String mode, String callback, String topic, String secret, long lease) {
    String challenge = world.randomToken("");
    String url =
        callback
            + (callback.contains("?") ? "&" : "?")
            + "hub.mode="
            + enc(mode)
            + "&hub.topic="
            + enc(topic)
            + "&hub.challenge="
            + challenge
            + "&hub.lease_seconds="
            + lease;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      verifications.incrementAndGet();
      boolean ok = response.statusCode() / 100 == 2 && challenge.equals(response.body().strip());
      Matcher m = TOPIC.matcher(topic);
      String channelId = m.matches() ? m.group(1) : "";
      if (ok && mode.equals("subscribe")) {
        if (subscriptions.size() < MAX_SUBSCRIPTIONS) {
          Subscription s =
              new Subscription(callback, topic, secret, world.now().plusSeconds(lease));
          subscriptions.put(callback + " " + topic, s);
          byChannel.computeIfAbsent(channelId, c -> new ConcurrentHashMap<>()).put(callback, s);
        }
      } else if (ok) {
        subscriptions.remove(callback + " " + topic);
        byChannel.getOrDefault(channelId, new ConcurrentHashMap<>()).remove(callback);
      }
      log.debug("websub {} for {} at {}: verified={}", mode, topic, callback, ok);
      return ok;
    } catch (Exception e) {
      log.info("websub {} verification of {} failed: {}", mode, callback, e.toString());
      return false;
    }
  }

  private void deliver(Subscription s, String videoId, String body, int attempt) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(s.callback()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/atom+xml")
            .header(
                "Link", "<" + media.baseUrl() + "/websub>; rel=hub, <" + s.topic() + ">; rel=self")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (s.secret() != null) {
      request.header("X-Hub-Signature", "sha1=" + hmacSha1(s.secret(), body));
    }
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      status = -1;
    }
    synchronized (this) {
      if (deliveries.size() >= MAX_DELIVERY_LOG) {
        deliveries.remove(0);
      }
      deliveries.add(new Delivery(s.callback(), videoId, status, attempt));
    }
    if (status / 100 != 2 && attempt < DELIVERY_ATTEMPTS) {
      long pause = FIRST_RETRY_MILLIS << (attempt - 1);
      CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, executor)
          .execute(() -> deliver(s, videoId, body, attempt + 1));
    }
  }

  static String hmacSha1(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
