package io.joysync.engine.notify;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a notice at most once: claims it in the {@link NoticeLedger}, renders it, hands it to the
 * {@link MailSender} and records it sent. A notice claimed before (a redelivered event, a restart,
 * a second node) is not sent again. A server that refuses releases the claim and fails, so the
 * caller tries again later; a crash between the claim and the send loses that one e-mail rather
 * than risking a second copy.
 */
public final class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final NoticeLedger ledger;
  private final NoticeTemplates templates;
  private final MailSender sender;
  private final Clock clock;

  public Notifier(NoticeLedger ledger, NoticeTemplates templates, MailSender sender, Clock clock) {
    this.ledger = ledger;
    this.templates = templates;
    this.sender = sender;
    this.clock = clock;
  }

  public CompletionStage<Done> deliver(CreatorNotice notice) {
    return ledger
        .claim(notice.channelId(), notice.key(), notice.kind(), clock.instant())
        .thenCompose(
            claimed -> {
              if (!claimed) {
                log.debug(
                    "creator e-mail {} of channel {} was sent before",
                    notice.kind(),
                    notice.channelId());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              return send(notice);
            });
  }

  private CompletionStage<Done> send(CreatorNotice notice) {
    RenderedMail mail = templates.render(notice.kind(), notice.values());
    return sender
        .send(notice.recipient(), mail)
        .thenCompose(d -> ledger.sent(notice.channelId(), notice.key(), clock.instant()))
        .thenApply(
            d -> {
              log.info("creator e-mail {} sent for channel {}", notice.kind(), notice.channelId());
              return d;
            })
        .exceptionallyCompose(
            error -> {
              Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
              String code = cause instanceof MailException m ? m.code() : "MAIL_FAILED";
              log.warn(
                  "creator e-mail {} for channel {} not sent ({}: {}); tried again later",
                  notice.kind(),
                  notice.channelId(),
                  code,
                  cause.getMessage());
              return ledger
                  .release(notice.channelId(), notice.key())
                  .thenCompose(d -> CompletableFuture.<Done>failedFuture(cause));
            });
  }
}
