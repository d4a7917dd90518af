package io.joysync.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

class NotifierTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  /** The ledger's rules in memory: one claim per key, released only while not sent. */
  static final class MemoryLedger implements NoticeLedger {
    final Map<String, Optional<Instant>> rows = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Boolean> claim(
        String channelId, String key, NoticeKind kind, Instant at) {
      return CompletableFuture.completedFuture(
          rows.putIfAbsent(channelId + "/" + key, Optional.empty()) == null);
    }

    @Override
    public CompletionStage<Done> sent(String channelId, String key, Instant at) {
      rows.computeIfPresent(channelId + "/" + key, (k, v) -> Optional.of(at));
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Done> release(String channelId, String key) {
      rows.computeIfPresent(channelId + "/" + key, (k, v) -> v.isPresent() ? v : null);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  }

  /** Records what it sends, or refuses while {@code refusing}. */
  static final class Outbox implements MailSender {
    final List<String> sent = new ArrayList<>();
    volatile boolean refusing;

    @Override
    public CompletionStage<Done> send(String recipient, RenderedMail mail) {
      if (refusing) {
        return CompletableFuture.failedFuture(
            new MailException("SMTP_REFUSED", "the SMTP server refused the e-mail", null));
      }
      sent.add(recipient + ": " + mail.subject());
      return CompletableFuture.completedFuture(Done.getInstance());
    }
  }

  final MemoryLedger ledger = new MemoryLedger();
  final Outbox outbox = new Outbox();
  final Notifier notifier =
      new Notifier(ledger, NoticeTemplates.load(Optional.empty()), outbox, CLOCK);
  final CreatorNotice verified =
      new CreatorNotice(
          "UCa",
          "event-2",
          NoticeKind.VERIFIED,
          "creator@example.com",
          Map.of("title", "Alice Bakes", "tier", "Gold"));

  @Test
  void aNoticeDeliveredAgainIsSentOnce() {
    notifier.deliver(verified).toCompletableFuture().join();
    notifier.deliver(verified).toCompletableFuture().join();

    assertThat(outbox.sent).containsExactly("creator@example.com: Alice Bakes is verified: Gold");
    assertThat(ledger.rows.get("UCa/event-2")).contains(CLOCK.instant());
  }

  @Test
  void aRefusedNoticeIsReleasedAndSentOnTheNextDelivery() {
    outbox.refusing = true;
    assertThatThrownBy(() -> notifier.deliver(verified).toCompletableFuture().join())
        .hasRootCauseInstanceOf(MailException.class);
    assertThat(ledger.rows).as("the claim is given back").isEmpty();

    outbox.refusing = false;
    notifier.deliver(verified).toCompletableFuture().join();
    assertThat(outbox.sent).hasSize(1);
  }
}
