package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.call.BalancesTransfer;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A collaborator account that runs low on funds pauses publishing (one error log, every waiting
 * request answered as retryable) instead of failing videos one by one on chain, and publishes again
 * once it has been funded.
 */
class LowFundsDevnetTest {
  private static PublishingDevnet net;

  @BeforeAll
  static void start() throws Exception {
    net =
        PublishingDevnet.start(
            PublishingDevnet.blocksOf("500ms").with("genesis.member-balance", "2500000000"), "");
  }

  @AfterAll
  static void stop() {
    net.close();
  }

  @Test
  void anAccountThatCannotPayPausesAndPublishesAgainOnceFunded() throws Exception {
    ActorRef<SignerAccount.Command> account = net.spawn(1);
    CreationResult first =
        net.create(account, TestVideos.video(TestVideos.freshId(), 1))
            .receiveMessage(PublishingDevnet.WAIT);
    assertThat(first).isInstanceOf(Created.class);

    List<TestProbe<CreationResult>> probes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      probes.add(net.create(account, TestVideos.video(TestVideos.freshId(), 1 + i % 2)));
    }
    for (CreationResult r : PublishingDevnet.answers(probes)) {
      Refused refused = (Refused) r;
      assertThat(refused.code()).isEqualTo(Refused.ACCOUNT_LOW_FUNDS);
      assertThat(refused.retryable()).isTrue();
    }
    AccountStatus paused = net.status(account);
    assertThat(paused.state()).isEqualTo("PAUSED_LOW_FUNDS");
    assertThat(paused.lastError()).hasValueSatisfying(e -> assertThat(e).contains("spendable"));
    assertThat(net.signed(1)).hasSize(1);

    fund(net.settings.account(1).orElseThrow().signingKey(), BigInteger.TEN.pow(14));
    net.testKit
        .createTestProbe()
        .awaitAssert(
            PublishingDevnet.WAIT,
            () -> {
              assertThat(net.status(account).state()).isEqualTo("ACTIVE");
              return null;
            });
    CreationResult later =
        net.create(account, TestVideos.video(TestVideos.freshId(), 2))
            .receiveMessage(PublishingDevnet.WAIT);
    net.assertCreatedOnce((Created) later);
    net.assertNoNonceGap(1);
  }

  /** //Alice sends funds to the account, and the transfer is in a block. */
  private static void fund(KeyPair account, BigInteger amount) throws Exception {
    KeyPair alice = KeyPair.fromUri(KeyType.SR25519, "//Alice");
    JoystreamRpc rpc = net.connection.rpc();
    long nonce = rpc.accountNextIndex(alice.address()).get(10, TimeUnit.SECONDS);
    byte[] genesis = Hex.decode(net.devnet.genesisHash());
    byte[] x =
        SignedExtrinsic.sign(
                alice,
                new BalancesTransfer(account.accountId(), amount),
                new ChainIdentity(2004, 2, genesis),
                TransactionParams.immortal(nonce, BigInteger.ZERO))
            .encode();
    List<TransactionStatus> seen = new ArrayList<>();
    rpc.submitAndWatchExtrinsic(x)
        .get(10, TimeUnit.SECONDS)
        .forEach(seen::add)
        .get(30, TimeUnit.SECONDS);
    assertThat(seen).anyMatch(s -> s instanceof TransactionStatus.Finalized);
  }
}
