package io.joysync.engine.signup;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.engine.TestCluster;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.InitialIngestion;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.link.JoystreamLinkEntity;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.youtube.YoutubeDevnetFixture;
import io.joysync.engine.youtube.api.SignUpAuthorization;
import io.joysync.engine.youtube.api.YoutubeApiSettings;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The devnets the sign-up use cases talk to (the chain with Orion, and YouTube), started once for a
 * test class, and for each test a fresh one-node cluster with the entities sharded on the in-memory
 * journal, so every test starts with no user, channel or link.
 */
final class SignUpWorld implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String REDIRECT = "http://127.0.0.1/atlas/callback";
  static final TokenCipher CIPHER =
      new TokenCipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])));

  final RunningDevnet devnet;
  final YoutubeDevnetFixture youtubeDevnet;
  final OrionClient orion;
  private final ExecutorService blocking = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final YoutubeDataClient youtube;

  private SignUpWorld(RunningDevnet devnet, YoutubeDevnetFixture youtubeDevnet) {
    this.devnet = devnet;
    this.youtubeDevnet = youtubeDevnet;
    this.orion = OrionClient.create(URI.create(devnet.orionUrl()));
    QuotaGovernor governor =
        new QuotaGovernor(
            new InMemoryQuotaLedger(),
            new QuotaBudget(1_000_000, 500),
            Clock.systemUTC(),
            scheduler,
            100);
    this.youtube =
        new YoutubeDataClient(
            new YoutubeApiSettings(
                youtubeDevnet.endpoints(),
                "joysync-devnet.apps.googleusercontent.com",
                "devnet-client-secret",
                "devnet-api-key",
                3,
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                Duration.ofSeconds(5)),
            governor,
            blocking);
  }

  static SignUpWorld start() throws Exception {
    return new SignUpWorld(Devnet.start(DevnetSettings.forTests()), YoutubeDevnetFixture.start());
  }

  /** A fresh cluster of one node with every entity the use cases ask. */
  static ActorTestKit cluster() {
    ActorTestKit testKit = TestCluster.start("signup");
    UserEntity.init(testKit.system());
    ChannelEntity.init(testKit.system());
    JoystreamLinkEntity.init(testKit.system());
    VideoEntity.init(testKit.system());
    return testKit;
  }

  static JoystreamLinks links(ActorTestKit testKit) {
    return new JoystreamLinks(testKit.system(), TIMEOUT, Clock.systemUTC());
  }

  /** The initial ingestion a channel sign-up starts when syncing is on. */
  InitialIngestion ingestion(ActorTestKit testKit) {
    return new InitialIngestion(testKit.system(), youtube, TIMEOUT, Clock.systemUTC());
  }

  /** A creator as {@code POST /users} leaves them: the account and its code, tokens encrypted. */
  record Creator(String userId, String email, String code, String youtubeChannelId) {}

  /**
   * Signs the Google account up as step 1 does; {@code recordedChannel} overrides the YouTube
   * channel the account is recorded with.
   */
  Creator signUpUser(ActorTestKit testKit, String account, String recordedChannel)
      throws Exception {
    String code = youtubeDevnet.authorizationCode(account, REDIRECT, null, true);
    SignUpAuthorization auth = await(youtube.exchangeCode(code, REDIRECT));
    String channel =
        recordedChannel != null
            ? recordedChannel
            : await(youtube.ownChannel(auth.tokens(), QuotaPurpose.SIGNUP))
                .map(c -> c.id())
                .orElse("");
    String aad = UserSignUp.tokenScope(auth.userId());
    Registration.OwnerTokens tokens =
        new Registration.OwnerTokens(
            CIPHER.encrypt(aad, auth.tokens().accessToken()),
            CIPHER.encrypt(aad, auth.tokens().refreshToken()));
    await(
        ClusterSharding.get(testKit.system())
            .entityRefFor(UserEntity.ENTITY_KEY, auth.userId())
            .<UserEntity.User>askWithStatus(
                r ->
                    new UserEntity.Register(
                        auth.email(), code, tokens, channel, Clock.systemUTC().instant(), r),
                TIMEOUT));
    return new Creator(auth.userId(), auth.email(), code, channel);
  }

  /**
   * Signs the account's YouTube channel up to a Joystream channel as steps 1 and 2 do; returns the
   * YouTube channel's id.
   */
  String signUpChannel(ActorTestKit testKit, String account, long joystreamChannelId)
      throws Exception {
    Creator creator = signUpUser(testKit, account, null);
    ChannelSignUp signUp =
        new ChannelSignUp(
            testKit.system(),
            links(testKit),
            orion,
            youtube,
            Optional.of(CIPHER),
            ingestion(testKit),
            false,
            TIMEOUT,
            Clock.systemUTC());
    ChannelSignUp.Result result =
        await(
            signUp.signUp(
                new ChannelSignUp.Request(
                    creator.code(),
                    creator.userId(),
                    creator.email(),
                    joystreamChannelId,
                    true,
                    Optional.empty(),
                    Optional.empty())));
    if (!(result instanceof ChannelSignUp.SignedUp done)) {
      throw new IllegalStateException("the sign-up was refused: " + result);
    }
    return done.youtubeChannelId();
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    blocking.shutdownNow();
    scheduler.shutdownNow();
    youtubeDevnet.close();
    devnet.close();
  }
}
