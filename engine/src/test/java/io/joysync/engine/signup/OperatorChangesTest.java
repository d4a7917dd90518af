package io.joysync.engine.signup;

import static io.joysync.engine.signup.SignUpWorld.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.Tier;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's batch of changes on the devnets, without HTTP: applied in order, and a batch naming
 * a channel outside the program changes nothing.
 */
class OperatorChangesTest extends SignUpCase {

  private OperatorChanges changes;
  private String alice;

  @BeforeEach
  void useCases() throws Exception {
    changes =
        new OperatorChanges(
            testKit.system(),
            SignUpWorld.links(testKit),
            world.ingestion(testKit),
            false,
            SignUpWorld.TIMEOUT,
            Clock.systemUTC());
    alice = world.signUpChannel(testKit, DevnetSeed.ALICE, 1);
  }

  private ChannelState channel() throws Exception {
    Optional<ChannelState> state =
        await(
            ClusterSharding.get(testKit.system())
                .entityRefFor(ChannelEntity.ENTITY_KEY, alice)
                .<Optional<ChannelState>>ask(ChannelEntity.Get::new, SignUpWorld.TIMEOUT));
    return state.orElseThrow();
  }

  @Test
  void theChangesOfABatchAreAppliedInTheirOrder() throws Exception {
    OperatorChanges.Result result =
        await(
            changes.apply(
                List.of(
                    new OperatorChanges.Verify(1, Tier.GOLD),
                    new OperatorChanges.SetCategory(1, "cat-9"),
                    new OperatorChanges.SetOperatorIngestion(1, false),
                    new OperatorChanges.Suspend(1, SuspensionReason.COPYRIGHT_BREACH))));
    assertThat(result).isEqualTo(OperatorChanges.Applied.INSTANCE);
    ChannelState after = channel();
    assertThat(after.status().isSuspended()).isTrue();
    assertThat(after.videoCategoryId()).contains("cat-9");
    assertThat(after.allowOperatorIngestion()).isFalse();
  }

  @Test
  void aBatchNamingAChannelOutsideTheProgramChangesNothing() throws Exception {
    OperatorChanges.Result result =
        await(
            changes.apply(
                List.of(
                    new OperatorChanges.Suspend(1, SuspensionReason.COPYRIGHT_BREACH),
                    new OperatorChanges.Suspend(999, SuspensionReason.COPYRIGHT_BREACH))));
    assertThat(result).isEqualTo(new OperatorChanges.ChannelMissing(999));
    assertThat(((OperatorChanges.Refused) result).code()).isEqualTo("CHANNEL_NOT_FOUND");
    assertThat(channel().status().isSuspended()).isFalse();
  }
}
