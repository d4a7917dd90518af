package io.joysync.engine.signup;

import static io.joysync.engine.signup.SignUpWorld.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.YppStatus;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.keys.MessageSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel owner's signed changes on the devnets, without HTTP: Joystream channel 1 belongs to
 * //Alice's member on the chain devnet, and a creator has signed Alice's YouTube channel up to it.
 * The change and every refusal, each with its stable code.
 */
class OwnerSignedChangesTest extends SignUpCase {

  private static final KeyPair OWNER = KeyPair.fromUri(KeyType.SR25519, "//Alice");
  private static final KeyPair STRANGER = KeyPair.fromUri(KeyType.SR25519, "//Bob");

  private OwnerSignedChanges changes;

  @BeforeEach
  void useCases() throws Exception {
    changes =
        new OwnerSignedChanges(
            testKit.system(),
            SignUpWorld.links(testKit),
            world.orion,
            Duration.ofHours(1),
            SignUpWorld.TIMEOUT,
            Clock.systemUTC());
    world.signUpChannel(testKit, DevnetSeed.ALICE, 1);
  }

  private static OwnerSignedChanges.Request signed(
      KeyPair key, long channel, OwnerSignedChanges.Change change, Instant at) {
    byte[] bytes =
        ("{\"change\":\"" + change + "\",\"timestamp\":\"" + at + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    return new OwnerSignedChanges.Request(
        channel, change, at, bytes, key.sign(MessageSignature.wrap(bytes)));
  }

  private OwnerSignedChanges.Result apply(OwnerSignedChanges.Request r) throws Exception {
    return await(changes.apply(r));
  }

  private static String code(OwnerSignedChanges.Result result) {
    return ((OwnerSignedChanges.Refused) result).code();
  }

  @Test
  void theOwnersSignedChangeIsAppliedOnceAndAReplayIsRefused() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    OwnerSignedChanges.Request stop =
        signed(OWNER, 1, new OwnerSignedChanges.SetIngestion(false, Optional.empty()), at);
    OwnerSignedChanges.Result result = apply(stop);
    assertThat(result).isInstanceOf(OwnerSignedChanges.Changed.class);
    assertThat(((OwnerSignedChanges.Changed) result).channel().shouldBeIngested()).isFalse();

    OwnerSignedChanges.Result replay = apply(stop);
    assertThat(replay).isInstanceOf(OwnerSignedChanges.ChannelRefused.class);
    assertThat(code(replay)).isEqualTo("ACTION_REFUSED");
  }

  @Test
  void anOptedOutChannelTakesNoMoreChanges() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertThat(apply(signed(OWNER, 1, new OwnerSignedChanges.OptOut(true), at)))
        .isInstanceOf(OwnerSignedChanges.Changed.class);
    OwnerSignedChanges.Result refused =
        apply(signed(OWNER, 1, new OwnerSignedChanges.SetCategory("cat-2"), at.plusSeconds(1)));
    assertThat(refused)
        .isEqualTo(new OwnerSignedChanges.NotAllowed("UpdateChannelCategory", YppStatus.OPTED_OUT));
    assertThat(code(refused)).isEqualTo("ACTION_NOT_ALLOWED");
  }

  @Test
  void aSignatureNotTheOwnersIsRefused() throws Exception {
    OwnerSignedChanges.Result result =
        apply(signed(STRANGER, 1, new OwnerSignedChanges.OptOut(true), Instant.now()));
    assertThat(result).isEqualTo(OwnerSignedChanges.BadSignature.INSTANCE);
    assertThat(code(result)).isEqualTo("INVALID_SIGNATURE");
  }

  @Test
  void aMessageSignedTooLongAgoIsRefusedBeforeAnythingIsAsked() throws Exception {
    OwnerSignedChanges.Result result =
        apply(
            signed(
                OWNER,
                1,
                new OwnerSignedChanges.OptOut(true),
                Instant.now().minus(Duration.ofHours(2))));
    assertThat(result).isEqualTo(OwnerSignedChanges.Stale.INSTANCE);
    assertThat(code(result)).isEqualTo("INVALID_SIGNATURE");
  }

  @Test
  void aJoystreamChannelOutsideTheProgramIsRefused() throws Exception {
    OwnerSignedChanges.Result result =
        apply(signed(OWNER, 999, new OwnerSignedChanges.OptOut(true), Instant.now()));
    assertThat(result).isEqualTo(new OwnerSignedChanges.ChannelMissing(999));
    assertThat(code(result)).isEqualTo("CHANNEL_NOT_FOUND");
  }
}
