package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.AccountChain.Landed;
import io.joysync.engine.publish.AccountChain.VideoCreatedEvent;
import io.joysync.engine.publish.CreationResult.Created;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a finalized extrinsic means for each of its videos, by the chain's outcome. */
class SettlementTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static SignedBatch batch(SignedBatch.Mode mode, int videos) {
    List<BatchItem> items = new ArrayList<>();
    for (int i = 0; i < videos; i++) {
      items.add(new BatchItem(TestVideos.video("v" + i, 1), i, 0, List.of(), null));
    }
    return new SignedBatch(4, "0x04", "0x", 10, 64, 2004, mode, items, AT);
  }

  private static Landed failed(String error, int created, OptionalLong at) {
    List<VideoCreatedEvent> events = new ArrayList<>();
    for (int i = 0; i < created; i++) {
      events.add(new VideoCreatedEvent(1, 70 + i, List.of(100L + 2 * i, 101L + 2 * i)));
    }
    return new Landed(4, 12, "0xb12", events, Optional.ofNullable(error), at);
  }

  @Test
  void videoCreatedEventsMapToTheItemsInOrder() {
    Settlement s =
        Settlement.of(1, batch(SignedBatch.Mode.ALL, 2), failed(null, 2, OptionalLong.empty()), AT);
    assertThat(s.event().created())
        .containsExactly(
            new Created("v0", 70, List.of(100L, 101L), 12),
            new Created("v1", 71, List.of(102L, 103L), 12));
    assertThat(s.event().requeued()).isEmpty();
    assertThat(s.trouble()).isEmpty();
  }

  @Test
  void changedBondsOrFeesPutEveryVideoBackAsAFailedAttempt() {
    Settlement s =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.ALL, 3),
            failed("Content.VideoStateBloatBondChanged", 0, OptionalLong.empty()),
            AT);
    assertThat(s.event().requeued()).containsExactly("v0", "v1", "v2");
    assertThat(s.event().requeueMode()).isEqualTo(SignedBatch.Mode.ALL);
    assertThat(s.event().countAttempt()).isTrue();
    assertThat(s.answers()).isEmpty();
  }

  @Test
  void lackOfFundsRefusesTheVideosAsRetryableAndPausesTheAccount() {
    Settlement s =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.ALL, 2),
            failed("Content.InsufficientBalanceForVideoCreation", 0, OptionalLong.empty()),
            AT);
    assertThat(s.event().refused())
        .allSatisfy(
            r -> {
              assertThat(r.code()).isEqualTo(CreationResult.Refused.ACCOUNT_LOW_FUNDS);
              assertThat(r.retryable()).isTrue();
            });
    assertThat(s.trouble().orElseThrow().mode()).isEqualTo(AccountHealth.Mode.PAUSED_LOW_FUNDS);
  }

  @Test
  void aKeyThatIsNotTheControllerFencesTheAccount() {
    Settlement s =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.ALL, 2),
            failed("Content.MemberAuthFailed", 0, OptionalLong.empty()),
            AT);
    assertThat(s.trouble().orElseThrow().mode()).isEqualTo(AccountHealth.Mode.FENCED);
    assertThat(s.event().refused()).hasSize(2);
  }

  @Test
  void oneBadVideoInABatchAllSendsTheBatchToDiagnosisAndALoneOneIsRefused() {
    Settlement many =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.ALL, 3),
            failed("Storage.StorageBucketObjectSizeLimitReached", 0, OptionalLong.empty()),
            AT);
    assertThat(many.event().requeueMode()).isEqualTo(SignedBatch.Mode.DIAGNOSE);
    assertThat(many.event().requeued()).hasSize(3);
    assertThat(many.event().countAttempt()).isFalse();

    Settlement lone =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.ALL, 1),
            failed("Storage.StorageBucketObjectSizeLimitReached", 0, OptionalLong.empty()),
            AT);
    assertThat(lone.event().refused().get(0).code())
        .isEqualTo("CHAIN_REJECTED:Storage.StorageBucketObjectSizeLimitReached");
    assertThat(lone.event().refused().get(0).retryable()).isTrue();
  }

  @Test
  void aDiagnosisCreatesTheVideosBeforeTheCulpritRefusesItAndPutsTheRestBack() {
    Settlement s =
        Settlement.of(
            1,
            batch(SignedBatch.Mode.DIAGNOSE, 4),
            failed("Storage.ZeroObjectSize", 1, OptionalLong.of(1)),
            AT);
    assertThat(s.event().created()).extracting(Created::ytVideoId).containsExactly("v0");
    assertThat(s.event().refused()).extracting(CreationResult::ytVideoId).containsExactly("v1");
    assertThat(s.event().refused().get(0).retryable()).isFalse();
    assertThat(s.event().requeued()).containsExactly("v2", "v3");
    assertThat(s.event().requeueMode()).isEqualTo(SignedBatch.Mode.ALL);
  }
}
