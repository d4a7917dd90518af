package io.joysync.engine.discovery;

import io.joysync.engine.youtube.discovery.FeedDeletion;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the WebSub callback route hands over, on any node. A verification is confirmed only for a
 * callback joysync registered, with the topic of that callback's channel, and only while the
 * channel is watched (an unsubscription only while it is not); the confirmed lease is stored with
 * the schedule. A notification is trusted only when its signature matches the channel's secret; it
 * is then recorded (candidates, deletions) before it is acknowledged, so the hub delivers it again
 * when recording fails. Forged, unsigned, oversized or unusable posts and posts about channels not
 * watched change nothing and are logged with the reason.
 */
public final class WebSubInbox {

  private static final Logger log = LoggerFactory.getLogger(WebSubInbox.class);

  /** The answer the route gives the hub. */
  public sealed interface Answer {
    /** 200 with the challenge as the body. */
    record Challenge(String challenge) implements Answer {}

    /** A status without a body (204, 202, 404, 413, 503). */
    record Status(int code, String reason) implements Answer {}
  }

  private final WebSubSubscriber subscriber;
  private final WatchStore schedule;
  private final CandidateStore candidates;
  private final EntryTriage triage;
  private final boolean propagateDeletions;
  private final Clock clock;
  private final DiscoveryCounters counters;

  WebSubInbox(
      WebSubSubscriber subscriber,
      WatchStore schedule,
      CandidateStore candidates,
      EntryTriage triage,
      boolean propagateDeletions,
      Clock clock,
      DiscoveryCounters counters) {
    this.subscriber = subscriber;
    this.schedule = schedule;
    this.candidates = candidates;
    this.triage = triage;
    this.propagateDeletions = propagateDeletions;
    this.clock = clock;
    this.counters = counters;
  }

  /** The hub's verification GET (every query parameter of the request). */
  public CompletionStage<Answer> verify(Map<String, String> query) {
    WebSubSubscriber.Verification v = subscriber.verify(query);
    if (v instanceof WebSubSubscriber.Verification.Refuse r) {
      log.warn("WebSub verification refused: {}", r.reason());
      return CompletableFuture.completedFuture(new Answer.Status(404, r.reason()));
    }
    WebSubSubscriber.Verification.Confirm c = (WebSubSubscriber.Verification.Confirm) v;
    boolean subscribe = c.mode().equals("subscribe");
    return schedule
        .watch(c.channelId())
        .thenCompose(
            watch -> {
              boolean watched = watch.map(Watch::watched).orElse(false);
              if (watched != subscribe) {
                log.info(
                    "WebSub {} of channel {} refused: the channel is {}watched",
                    c.mode(),
                    c.channelId(),
                    watched ? "" : "not ");
                return CompletableFuture.<Answer>completedFuture(
                    new Answer.Status(404, "not a subscription joysync wants"));
              }
              if (watch.isEmpty()) {
                return CompletableFuture.<Answer>completedFuture(
                    new Answer.Challenge(c.challenge()));
              }
              return schedule
                  .recordLease(c.channelId(), c.leaseEnd())
                  .thenApply(
                      d -> {
                        counters.leasesConfirmed.increment();
                        return (Answer) new Answer.Challenge(c.challenge());
                      });
            });
  }

  /** A notification POST: its query (the callback's), raw body and signature header. */
  public CompletionStage<Answer> notify(
      Map<String, String> query, byte[] body, Optional<String> signature) {
    Optional<String> callbackChannel = subscriber.callbackChannel(query);
    if (callbackChannel.isEmpty()) {
      return refused(
          "WEBSUB_UNKNOWN_CALLBACK", "a post to a callback joysync did not register", 202);
    }
    WebSubSubscriber.Notification n = subscriber.notification(callbackChannel, body, signature);
    if (n instanceof WebSubSubscriber.Notification.Rejected r) {
      return refused(r.code(), r.reason(), r.code().equals("WEBSUB_TOO_LARGE") ? 413 : 202);
    }
    WebSubSubscriber.Notification.Accepted accepted = (WebSubSubscriber.Notification.Accepted) n;
    if (accepted.channelId().isEmpty()) {
      return CompletableFuture.completedFuture(new Answer.Status(204, "nothing announced"));
    }
    String channelId = accepted.channelId().get();
    Instant now = clock.instant();
    return schedule
        .watch(channelId)
        .thenCompose(
            watch -> {
              if (watch.isEmpty() || !watch.get().watched()) {
                return refused(
                    "WEBSUB_NOT_WATCHED",
                    "a notification for channel " + channelId + ", which is not in the program",
                    202);
              }
              counters.notificationsAccepted.increment();
              return record(watch.get(), accepted, now)
                  .thenApply(d -> (Answer) new Answer.Status(204, "recorded"));
            })
        .exceptionally(
            e -> {
              log.warn(
                  "WebSub notification for channel {} not recorded (the hub will deliver it"
                      + " again): {}",
                  channelId,
                  FeedCheck.cause(e).toString());
              return new Answer.Status(503, "not recorded");
            });
  }

  private CompletionStage<Done> record(
      Watch watch, WebSubSubscriber.Notification.Accepted n, Instant now) {
    List<CompletionStage<Done>> writes = new ArrayList<>();
    List<Candidate> deleted = new ArrayList<>();
    for (FeedDeletion d : n.deletions()) {
      log.info("YouTube deleted video {} of channel {}", d.videoId(), d.channelId());
      writes.add(candidates.recordDeletion(d.channelId(), d.videoId(), d.deletedAt()));
      if (propagateDeletions) {
        deleted.add(
            new Candidate(
                d.channelId(),
                d.videoId(),
                Candidate.Reason.DELETED,
                Candidate.Source.WEBSUB,
                now,
                d.deletedAt(),
                ""));
      }
    }
    if (!deleted.isEmpty()) {
      writes.add(candidates.record(deleted));
    }
    writes.add(
        triage
            .triage(watch, n.entries(), Candidate.Source.WEBSUB, now)
            .thenApply(count -> Done.getInstance()));
    return CandidateResolver.all(writes);
  }

  private CompletionStage<Answer> refused(String code, String reason, int status) {
    counters.notificationsRefused.increment();
    log.warn("WebSub notification ignored: {} {}", code, reason);
    return CompletableFuture.completedFuture(new Answer.Status(status, reason));
  }
}
