package io.joysync.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** No download starts without room; room comes back when files are removed. */
class DiskBudgetTest {

  @Test
  void aDownloadStartsOnlyWithRoomAndRoomComesBackWhenFilesGo() {
    DiskBudget budget = new DiskBudget(100);
    assertThat(budget.tryReserve(60)).isTrue();
    assertThat(budget.tryReserve(60)).isFalse();
    assertThat(budget.tryReserve(40)).isTrue();
    assertThat(budget.tryReserve(1)).isFalse();

    budget.release(60);
    assertThat(budget.tryReserve(60)).isTrue();
    assertThat(budget.reserved()).isEqualTo(100);
    assertThat(budget.highWater()).isEqualTo(100);
  }

  @Test
  void aReservationIsCorrectedToTheRealSizeAndFilesFoundAtStartCount() {
    DiskBudget budget = new DiskBudget(100);
    budget.claim(30);
    assertThat(budget.tryReserve(50)).isTrue();
    assertThat(budget.tryReserve(40)).isFalse();

    budget.adjust(50, 20);
    assertThat(budget.tryReserve(40)).isTrue();
    assertThat(budget.reserved()).isEqualTo(90);
  }

  @Test
  void aDownloadLargerThanTheWholeBudgetRunsAloneInsteadOfNever() {
    DiskBudget budget = new DiskBudget(100);
    assertThat(budget.tryReserve(10)).isTrue();
    assertThat(budget.tryReserve(500)).isFalse();
    budget.release(10);
    assertThat(budget.tryReserve(500)).isTrue();
    assertThat(budget.tryReserve(1)).isFalse();
  }
}
