package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedLinkTest {

  private long now = 1_000_000_000L;
  private final SharedLink link = new SharedLink(() -> now);

  @Test
  void transfersTogetherTakeTheirTurnsAtTheLinksRate() {
    // 1 000 bytes a second: a chunk of 500 bytes holds the link for half a second.
    assertThat(link.book(500, 1_000)).as("an idle link lets the first chunk go").isZero();
    assertThat(link.book(500, 1_000)).as("the next waits for the first").isEqualTo(500_000_000L);
    assertThat(link.book(250, 1_000)).isEqualTo(1_000_000_000L);
    now += 2_000_000_000L;
    assertThat(link.book(100, 1_000))
        .as("time the link stood idle is not saved up for a burst")
        .isZero();
    assertThat(link.book(100, 2_000)).as("the rate is read for each chunk").isEqualTo(100_000_000L);
  }
}
