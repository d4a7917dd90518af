package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** No download starts without room; room comes back when files are removed. */
class DiskBudgetTest {

  @Test
  void aReservationWaitsForRoomAndWaitersAreServedInOrder() {
    DiskBudget budget = new DiskBudget(100);
    CompletableFuture<Long> first = budget.reserve(60).toCompletableFuture();
    CompletableFuture<Long> second = budget.reserve(60).toCompletableFuture();
    CompletableFuture<Long> small = budget.reserve(10).toCompletableFuture();

    assertThat(first).isCompletedWithValue(60L);
    assertThat(second).isNotDone();
    // A small request does not overtake the large one waiting before it.
    assertThat(small).isNotDone();
    assertThat(budget.waiting()).isEqualTo(2);

    budget.release(60);
    assertThat(second).isCompletedWithValue(60L);
    assertThat(small).isCompletedWithValue(10L);
    assertThat(budget.reserved()).isEqualTo(70);
    assertThat(budget.highWater()).isEqualTo(70);
  }

  @Test
  void aReservationIsCorrectedToTheRealSizeAndFilesFoundAtStartCount() {
    DiskBudget budget = new DiskBudget(100);
    budget.claim(30);
    budget.reserve(50);
    CompletableFuture<Long> waiting = budget.reserve(40).toCompletableFuture();
    assertThat(waiting).isNotDone();

    budget.adjust(50, 20);
    assertThat(waiting).isCompletedWithValue(40L);
    assertThat(budget.reserved()).isEqualTo(90);
  }

  @Test
  void aDownloadLargerThanTheWholeBudgetRunsAloneInsteadOfWaitingForever() {
    DiskBudget budget = new DiskBudget(100);
    budget.reserve(10);
    CompletableFuture<Long> huge = budget.reserve(500).toCompletableFuture();
    assertThat(huge).isNotDone();
    budget.release(10);
    assertThat(huge).isCompletedWithValue(500L);
  }
}
