package io.joysync.engine.publish;

import io.joysync.engine.publish.AccountChain.Answer;
import io.joysync.engine.publish.AccountChain.Landed;
import io.joysync.engine.publish.AccountChain.VideoCreatedEvent;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.CreationResult.Updated;
import io.joysync.engine.publish.SignerAccount.ExtrinsicSettled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a finalized extrinsic means for its requests. The items ran in call order: each creation has
 * its VideoCreated event and each update its VideoUpdated event, in order, up to the first item
 * that did not run. A failed batch_all created nothing: when the chain's values changed the videos
 * are signed again; when the account cannot pay it pauses; when one video is at fault the videos
 * are signed again as a utility.batch, whose BatchInterrupted names the index of the culprit, which
 * is refused with the chain's error while the others go on.
 *
 * @param trouble set when the account must stop taking work
 */
record Settlement(ExtrinsicSettled event, List<Answer> answers, Optional<Trouble> trouble) {

  record Trouble(AccountHealth.Mode mode, String error) {}

  static Settlement of(long memberId, SignedBatch batch, Landed landed, Instant at) {
    return new Builder(memberId, batch, landed, at).decide();
  }

  private static final class Builder {
    private final long memberId;
    private final SignedBatch batch;
    private final Landed landed;
    private final Instant at;
    private final List<Answer> answers = new ArrayList<>();
    private final List<Created> created = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();
    private final List<Updated> updated = new ArrayList<>();
    private final List<String> requeued = new ArrayList<>();
    private SignedBatch.Mode requeueMode = SignedBatch.Mode.ALL;
    private boolean countAttempt;
    private Optional<Trouble> trouble = Optional.empty();

    Builder(long memberId, SignedBatch batch, Landed landed, Instant at) {
      this.memberId = memberId;
      this.batch = batch;
      this.landed = landed;
      this.at = at;
    }

    Settlement decide() {
      List<BatchItem> items = batch.items();
      int made = 0;
      int creations = 0;
      int updates = 0;
      for (BatchItem item : items) {
        if (item.isUpdate()) {
          if (updates >= landed.updated().size()) {
            break;
          }
          updates++;
          VideoUpdate u = item.update();
          Updated done =
              new Updated(u.ytVideoId(), u.joystreamVideoId(), u.revision(), landed.blockNumber());
          updated.add(done);
          answers.add(new Answer(item, done));
        } else {
          if (creations >= landed.created().size()) {
            break;
          }
          VideoCreatedEvent e = landed.created().get(creations++);
          Created c =
              new Created(item.ytVideoId(), e.videoId(), e.assetIds(), landed.blockNumber());
          created.add(c);
          answers.add(new Answer(item, c));
        }
        made++;
      }
      List<BatchItem> rest = items.subList(made, items.size());
      if (landed.error().isEmpty()) {
        requeue(rest, true);
      } else if (batch.mode() == SignedBatch.Mode.DIAGNOSE && landed.interruptedAt().isEmpty()) {
        requeue(rest, true);
      } else {
        failed(rest, landed.error().get());
      }
      return new Settlement(
          new ExtrinsicSettled(
              memberId,
              batch.nonce(),
              landed.blockNumber(),
              landed.blockHash(),
              created,
              refused,
              requeued,
              requeueMode,
              countAttempt,
              at,
              updated),
          answers,
          trouble);
    }

    private void failed(List<BatchItem> rest, String error) {
      switch (ChainErrors.kind(error)) {
        case REFRESH -> requeue(rest, true);
        case LOW_FUNDS -> {
          rest.forEach(i -> refuse(i, Refused.ACCOUNT_LOW_FUNDS, "the account cannot pay", true));
          trouble =
              Optional.of(
                  new Trouble(
                      AccountHealth.Mode.PAUSED_LOW_FUNDS, "the chain refused a batch: " + error));
        }
        case ACCOUNT_AUTH -> {
          rest.forEach(
              i ->
                  refuse(
                      i, Refused.ACCOUNT_FENCED, "the key is not the member's controller", true));
          trouble =
              Optional.of(
                  new Trouble(
                      AccountHealth.Mode.FENCED,
                      error
                          + ": the configured key is not the controller account of member "
                          + memberId));
        }
        case ITEM -> {
          if (batch.mode() == SignedBatch.Mode.DIAGNOSE || rest.size() == 1) {
            BatchItem culprit = rest.get(0);
            refuse(
                culprit,
                Refused.CHAIN_REJECTED + error,
                "the chain refused the video: " + error,
                ChainErrors.retryable(error));
            requeue(rest.subList(1, rest.size()), false);
          } else {
            requeueMode = SignedBatch.Mode.DIAGNOSE;
            requeue(rest, false);
          }
        }
      }
    }

    private void requeue(List<BatchItem> items, boolean counted) {
      countAttempt = counted;
      items.forEach(i -> requeued.add(i.key()));
    }

    private void refuse(BatchItem item, String code, String reason, boolean retryable) {
      Refused r = new Refused(item.ytVideoId(), code, reason, retryable);
      refused.add(r);
      answers.add(new Answer(item, r));
    }
  }
}
