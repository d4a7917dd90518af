package io.joysync.engine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.publish.AccountChain.Heard;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.engine.publish.CreationResult.Updated;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/**
 * Metadata updates through the signer account: signed with the account's nonces like creations,
 * answered at finality, and never signed twice for the same video and edit, whether asked again
 * while in flight, after it landed, or after the account restarted.
 */
class SignerAccountUpdateTest extends SignerAccountCase {

  private static VideoUpdate edit(String ytId, int revision, String title) {
    return new VideoUpdate(ytId, 1, 42, revision, title, "Description");
  }

  private TestProbe<CreationResult> update(VideoUpdate update) {
    TestProbe<CreationResult> probe = testKit.createTestProbe();
    kit.runCommand(new SignerAccount.Update(update, probe.ref()));
    return probe;
  }

  private SignedBatch awaitBroadcast(int count) {
    return testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              assertThat(chain.broadcasts).hasSizeGreaterThanOrEqualTo(count);
              return chain.broadcasts.get(count - 1).batch();
            });
  }

  private void settle(SignedBatch batch, long block) {
    chain.report(batch.nonce(), Heard.IN_BLOCK);
    chain.verdicts.put(batch.nonce(), FakeAccountChain.landedMixed(batch, block));
    chain.finalizeUpTo(block);
  }

  @Test
  void anUpdateIsSignedOnceAndARepeatIsAnsweredWithoutSigningAgainEvenAfterARestart() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> first = update(edit(id, 1, "Edited"));
    SignedBatch batch = awaitBroadcast(1);
    assertThat(batch.items()).singleElement().satisfies(i -> assertThat(i.isUpdate()).isTrue());

    TestProbe<CreationResult> whileInFlight = update(edit(id, 1, "Edited"));
    settle(batch, 103);
    Updated done = new Updated(id, 42, 1, 103);
    assertThat(first.receiveMessage(WAIT)).isEqualTo(done);
    assertThat(whileInFlight.receiveMessage(WAIT)).isEqualTo(done);

    assertThat(update(edit(id, 1, "Edited")).receiveMessage(WAIT)).isEqualTo(done);
    kit.restart();
    assertThat(update(edit(id, 1, "Edited")).receiveMessage(WAIT)).isEqualTo(done);
    assertThat(chain.broadcasts).hasSize(1);
    assertThat(chain.preparations).hasSize(1);
  }

  @Test
  void aNewerEditOfTheSameVideoIsSignedOfItsOwnAndNotJoinedToTheOlderOne() {
    String id = TestVideos.freshId();
    TestProbe<CreationResult> older = update(edit(id, 1, "Second"));
    SignedBatch first = awaitBroadcast(1);
    TestProbe<CreationResult> newer = update(edit(id, 2, "Third"));
    settle(first, 103);
    assertThat(older.receiveMessage(WAIT)).isEqualTo(new Updated(id, 42, 1, 103));
    SignedBatch second = awaitBroadcast(2);
    assertThat(second.items())
        .singleElement()
        .satisfies(i -> assertThat(i.key()).isEqualTo(id + "@2"));
    settle(second, 104);
    assertThat(newer.receiveMessage(WAIT)).isEqualTo(new Updated(id, 42, 2, 104));
  }

  @Test
  void creationsAndUpdatesShareAnExtrinsicAndEachIsAnsweredFromItsOwnEvent() {
    String created = TestVideos.freshId();
    String edited = TestVideos.freshId();
    TestProbe<CreationResult> create = testKit.createTestProbe();
    kit.runCommand(new SignerAccount.Create(TestVideos.video(created, 1), create.ref()));
    TestProbe<CreationResult> change = update(edit(edited, 1, "Edited"));
    SignedBatch batch = awaitBroadcast(1);
    assertThat(batch.items()).hasSize(2);
    settle(batch, 110);
    assertThat(create.receiveMessage(WAIT))
        .isEqualTo(new Created(created, 500, List.of(900L, 901L), 110));
    assertThat(change.receiveMessage(WAIT)).isEqualTo(new Updated(edited, 42, 1, 110));
  }

  @Test
  void anUpdateWithoutAVideoOrEditIsRefusedAndPersistsNothing() {
    TestProbe<CreationResult> probe = testKit.createTestProbe();
    var result =
        kit.runCommand(
            new SignerAccount.Update(
                new VideoUpdate(TestVideos.freshId(), 1, 0, 1, "t", "d"), probe.ref()));
    assertThat(((Refused) probe.receiveMessage(WAIT)).code()).isEqualTo(Refused.INVALID_METADATA);
    assertThat(result.hasNoEvents()).isTrue();
  }
}
