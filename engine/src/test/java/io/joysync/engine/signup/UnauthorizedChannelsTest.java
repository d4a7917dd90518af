package io.joysync.engine.signup;

import static io.joysync.engine.signup.SignUpWorld.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.youtube.ChannelLookup;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's add of a public channel on the devnets, without HTTP: the add and its re-sync, and
 * every refusal with its stable code and the data its sentence is phrased from.
 */
class UnauthorizedChannelsTest extends SignUpCase {

  /** joysync's member on the devnet: a collaborator of channels 1 and 2, not of channel 3. */
  private static final long COLLABORATOR = 1;

  private static ChainConnection chain;
  private static String alicesChannel;
  private static String bobsChannel;
  private UnauthorizedChannels channels;

  @BeforeAll
  static void chainAndChannels() throws Exception {
    chain = new ChainConnection(URI.create(world.devnet.chainUrl()));
    alicesChannel =
        await(world.youtube.publicChannel(new ChannelLookup.ByHandle("@alicecooks")))
            .orElseThrow()
            .id();
    bobsChannel = DevnetSeed.channelId("bob");
  }

  @AfterAll
  static void closeChain() {
    chain.close();
  }

  @BeforeEach
  void useCases() {
    channels = useCase(world.orion);
  }

  private UnauthorizedChannels useCase(OrionClient orion) {
    return new UnauthorizedChannels(
        testKit.system(),
        SignUpWorld.links(testKit),
        orion,
        chain,
        COLLABORATOR,
        world.youtube,
        SignUpWorld.TIMEOUT,
        Clock.systemUTC());
  }

  private UnauthorizedChannels.Result add(String youtubeChannelId, long joystreamChannelId)
      throws Exception {
    return await(
        channels.add(
            new UnauthorizedChannels.Request(
                new ChannelLookup.ById(youtubeChannelId), joystreamChannelId, 5, "cat-9")));
  }

  private static String code(UnauthorizedChannels.Result result) {
    return ((UnauthorizedChannels.Refused) result).code();
  }

  @Test
  void aPublicChannelIsSignedUpWithoutTokensAndItsLatestUploadsTrackedOnce() throws Exception {
    UnauthorizedChannels.Added added = (UnauthorizedChannels.Added) add(alicesChannel, 1);
    assertThat(added.youtubeChannelId()).isEqualTo(alicesChannel);
    assertThat(added.videosTracked()).isPositive().isLessThanOrEqualTo(5);
    assertThat(added.videosAlreadyTracked()).isZero();
    var registration = added.channel().registration().orElseThrow();
    assertThat(registration.userId()).isEqualTo("UnauthorizedUser-" + alicesChannel);
    assertThat(registration.tokens()).isEmpty();
    assertThat(registration.signedUpByOwner()).isFalse();
    assertThat(registration.videoCategoryId()).contains("cat-9");

    UnauthorizedChannels.Added again = (UnauthorizedChannels.Added) add(alicesChannel, 1);
    assertThat(again.videosTracked()).isZero();
    assertThat(again.videosAlreadyTracked()).isEqualTo(added.videosTracked());
  }

  @Test
  void aChannelYoutubeDoesNotKnowIsRefused() throws Exception {
    String unknown = "UC" + "x".repeat(22);
    UnauthorizedChannels.Result result = add(unknown, 1);
    assertThat(result).isEqualTo(new UnauthorizedChannels.YoutubeChannelMissing(unknown));
    assertThat(code(result)).isEqualTo("YOUTUBE_CHANNEL_NOT_FOUND");
  }

  @Test
  void aChannelItsOwnerSignedUpStaysTheirs() throws Exception {
    SignUpWorld.Creator alice = world.signUpUser(testKit, DevnetSeed.ALICE, null);
    ChannelSignUp ownerSignUp =
        new ChannelSignUp(
            testKit.system(),
            SignUpWorld.links(testKit),
            world.orion,
            world.youtube,
            Optional.of(SignUpWorld.CIPHER),
            world.ingestion(testKit),
            false,
            SignUpWorld.TIMEOUT,
            Clock.systemUTC());
    assertThat(
            await(
                ownerSignUp.signUp(
                    new ChannelSignUp.Request(
                        alice.code(),
                        alice.userId(),
                        alice.email(),
                        1,
                        true,
                        Optional.of("cat-1"),
                        Optional.empty()))))
        .isInstanceOf(ChannelSignUp.SignedUp.class);

    UnauthorizedChannels.Result result = add(alicesChannel, 1);
    assertThat(result).isEqualTo(new UnauthorizedChannels.SignedUpByOwner(alicesChannel));
    assertThat(code(result)).isEqualTo("CHANNEL_AUTHORIZED");
  }

  @Test
  void aSuspendedChannelIsNotSyncedAgain() throws Exception {
    assertThat(add(bobsChannel, 2)).isInstanceOf(UnauthorizedChannels.Added.class);
    await(
        ClusterSharding.get(testKit.system())
            .entityRefFor(ChannelEntity.ENTITY_KEY, bobsChannel)
            .<ChannelState>askWithStatus(
                r ->
                    new ChannelEntity.Suspend(
                        SuspensionReason.MISLEADING_CONTENT, Instant.now(), r),
                SignUpWorld.TIMEOUT));
    UnauthorizedChannels.Result result = add(bobsChannel, 2);
    assertThat(result)
        .isEqualTo(
            new UnauthorizedChannels.Suspended(
                bobsChannel, YppStatus.suspended(SuspensionReason.MISLEADING_CONTENT)));
    assertThat(code(result)).isEqualTo("CHANNEL_SUSPENDED");
  }

  @Test
  void aJoystreamChannelThatDoesNotExistIsRefused() throws Exception {
    UnauthorizedChannels.Result result = add(bobsChannel, 999);
    assertThat(result).isEqualTo(new UnauthorizedChannels.JoystreamChannelMissing(999));
    assertThat(code(result)).isEqualTo("CHANNEL_NOT_FOUND");
  }

  @Test
  void aJoystreamChannelServingAnotherChannelIsRefused() throws Exception {
    assertThat(add(bobsChannel, 2)).isInstanceOf(UnauthorizedChannels.Added.class);
    UnauthorizedChannels.Result result = add(alicesChannel, 2);
    assertThat(result).isEqualTo(new UnauthorizedChannels.LinkedElsewhere(2, bobsChannel));
    assertThat(code(result)).isEqualTo("CHANNEL_ALREADY_REGISTERED");
  }

  @Test
  void aLinkClaimedMomentsAgoByASignUpInProgressIsNotTaken() throws Exception {
    // Another channel's sign-up claimed the link and has not recorded its channel yet: the early
    // check sees no channel keeping it, the link's writer keeps it for the sign-up in progress.
    String other = "UC" + "o".repeat(22);
    await(SignUpWorld.links(testKit).claim(2, other));
    UnauthorizedChannels.Result result = add(bobsChannel, 2);
    assertThat(result)
        .isEqualTo(
            new UnauthorizedChannels.LinkTaken(
                "Joystream Channel 2 already connected with Youtube Channel " + other + "."));
    assertThat(code(result)).isEqualTo("CHANNEL_ALREADY_REGISTERED");
  }

  @Test
  void aJoystreamChannelJoysyncMayNotAddVideosToIsRefused() throws Exception {
    UnauthorizedChannels.Result result = add(bobsChannel, 3);
    assertThat(result).isEqualTo(new UnauthorizedChannels.CollaboratorMissing(COLLABORATOR, 3));
    assertThat(code(result)).isEqualTo("COLLABORATOR_MISSING");
  }

  @Test
  void orionNotAnsweringIsTheServicesTroubleAndChangesNothing() throws Exception {
    channels = useCase(OrionClient.create(URI.create("http://127.0.0.1:9/graphql")));
    UnauthorizedChannels.Result result = add(bobsChannel, 2);
    assertThat(result).isEqualTo(new UnauthorizedChannels.JoystreamUnavailable("Orion"));
    assertThat(code(result)).isEqualTo("JOYSTREAM_UNAVAILABLE");
    assertThat(SignUpWorld.await(SignUpWorld.links(testKit).linkedChannel(2))).isEmpty();
  }
}
