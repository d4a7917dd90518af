package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.storage.ChannelInfo;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Routing of videos to signer accounts by their channel's collaborators and health. */
class AccountRouterTest {
  private final Map<Long, ChannelInfo> chain = new HashMap<>();
  private final List<Long> asked = new CopyOnWriteArrayList<>();
  private final Set<Long> broke = new java.util.HashSet<>();
  private final AccountRouter router =
      new AccountRouter(
          List.of(1L, 2L, 3L),
          id -> CompletableFuture.completedFuture(Optional.ofNullable(chain.get(id))),
          (member, video) -> {
            asked.add(member);
            CreationResult r =
                broke.contains(member)
                    ? new Refused(video.ytVideoId(), Refused.ACCOUNT_LOW_FUNDS, "low", true)
                    : new Created(video.ytVideoId(), member, List.of(1L, 2L), 9);
            return CompletableFuture.completedFuture(r);
          },
          Duration.ofMinutes(1),
          Clock.systemUTC());

  /** The member a channel sticks to among these collaborators. */
  static long expectedMember(long channelId, long... members) {
    long best = members[0];
    for (long m : members) {
      if (AccountRouter.weight(channelId, m) > AccountRouter.weight(channelId, best)) {
        best = m;
      }
    }
    return best;
  }

  private void channel(long id, Map<Long, Set<String>> collaborators) {
    chain.put(
        id,
        new ChannelInfo(
            id,
            new ChannelInfo.ChannelOwner.Member(0),
            0,
            collaborators,
            List.of(),
            false,
            BigInteger.ZERO));
  }

  private CreationResult route(long channel) {
    return router
        .route(TestVideos.video(TestVideos.freshId(), channel))
        .toCompletableFuture()
        .join();
  }

  @Test
  void aChannelSticksToOneOfItsCollaboratorsAndChannelsSpreadOverThem() {
    Map<Long, Long> chosen = new HashMap<>();
    for (long ch = 1; ch <= 60; ch++) {
      channel(ch, Map.of(1L, Set.of("AddVideo"), 2L, Set.of("AddVideo"), 3L, Set.of("AddVideo")));
      route(ch);
      chosen.put(ch, asked.get(asked.size() - 1));
      route(ch);
      assertThat(asked.get(asked.size() - 1)).isEqualTo(chosen.get(ch));
    }
    assertThat(Set.copyOf(chosen.values())).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void onlyMembersWithAddVideoGetTheChannelsVideos() {
    channel(7, Map.of(2L, Set.of("AddVideo"), 3L, Set.of("UpdateVideoMetadata")));
    assertThat(route(7)).isInstanceOf(Created.class);
    assertThat(asked).containsOnly(2L);

    channel(8, Map.of(3L, Set.of("UpdateVideoMetadata")));
    Refused refused = (Refused) route(8);
    assertThat(refused.code()).isEqualTo(Refused.CHANNEL_NOT_COLLABORATOR);
    assertThat(refused.retryable()).isFalse();
    assertThat(((Refused) route(99)).code()).isEqualTo(Refused.CHANNEL_NOT_FOUND);
  }

  @Test
  void anAccountThatCannotPayStopsGettingWorkAndTheOthersCarryOn() {
    channel(5, Map.of(1L, Set.of("AddVideo"), 2L, Set.of("AddVideo")));
    route(5);
    long first = asked.get(0);
    long other = first == 1L ? 2L : 1L;
    broke.add(first);

    assertThat(route(5)).isInstanceOf(Created.class);
    assertThat(asked.subList(1, 3)).containsExactly(first, other);
    assertThat(route(5)).isInstanceOf(Created.class);
    assertThat(asked.get(3)).isEqualTo(other);

    broke.add(other);
    Refused refused = (Refused) route(5);
    assertThat(refused.code()).isEqualTo(Refused.ACCOUNT_LOW_FUNDS);
    Refused none = (Refused) route(5);
    assertThat(none.code()).isEqualTo(Refused.NO_ACCOUNT);
    assertThat(none.retryable()).isTrue();
  }

  @Test
  void aChainThatCannotBeReadGivesARetryableRefusal() {
    AccountRouter unreachable =
        new AccountRouter(
            List.of(1L),
            id -> CompletableFuture.failedFuture(new IllegalStateException("connection refused")),
            (member, video) -> CompletableFuture.completedFuture(null),
            Duration.ofMinutes(1),
            Clock.systemUTC());
    Refused refused =
        (Refused)
            unreachable
                .route(TestVideos.video(TestVideos.freshId(), 1))
                .toCompletableFuture()
                .join();
    assertThat(refused.code()).isEqualTo(Refused.UNAVAILABLE);
    assertThat(refused.retryable()).isTrue();
    assertThat(refused.reason()).contains("connection refused");
    assertThat(asked).isEmpty();
  }
}
