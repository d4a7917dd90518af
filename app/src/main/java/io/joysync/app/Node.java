package io.joysync.app;

import com.typesafe.config.Config;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.discovery.Discovery;
import io.joysync.engine.discovery.DiscoverySettings;
import io.joysync.engine.discovery.ShardedChannelActions;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.link.JoystreamLinkEntity;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.whitelist.WhitelistEntity;
import io.joysync.engine.youtube.YoutubeSettings;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.onboarding.OnboardingCheck;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.http.HttpApi;
import io.joysync.http.HttpSettings;
import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.faucet.FaucetSettings;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.persistence.discovery.DiscoveryStore;
import io.joysync.persistence.readside.ReadSide;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a joysync node: {@link #start} creates the actor system and {@link #init}
 * wires everything the node runs into it. Tests start nodes through the same two methods.
 */
public final class Node {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** Where a started node listens. */
  public record Endpoints(InetSocketAddress http, Uri management) {}

  private Node() {}

  /** Creates the actor system named {@code joysync} from the given configuration and inits it. */
  public static Running start(Config config) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "joysync", config);
    CompletionStage<Endpoints> endpoints;
    try {
      endpoints = init(system);
    } catch (RuntimeException e) {
      endpoints = CompletableFuture.failedFuture(e);
    }
    return new Running(system, endpoints);
  }

  /** A started node: its actor system and the endpoints once they are bound. */
  public record Running(ActorSystem<Void> system, CompletionStage<Endpoints> endpoints) {}

  /**
   * Wires a node into {@code system}: cluster membership, management endpoints and health checks,
   * the sharded entities, and the HTTP API.
   */
  public static CompletionStage<Endpoints> init(ActorSystem<?> system) {
    Config config = system.settings().config();
    if (config.getList("pekko.cluster.seed-nodes").isEmpty()
        && config.getBoolean("joysync.cluster.join-self")) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    CompletionStage<Uri> management = PekkoManagement.get(system).start();

    WhitelistEntity.init(system);
    ChannelEntity.init(system);
    VideoEntity.init(system);
    JoystreamLinkEntity.init(system);
    UserEntity.init(system);

    HttpSettings httpSettings = HttpSettings.from(config);
    OrionClient orion =
        OrionClient.create(URI.create(config.getString("joysync.joystream.orion-url")));
    YoutubeSettings youtube = YoutubeSettings.fromConfig(config);
    ScheduledExecutorService timers = timers(system);
    ChainConnection chain =
        new ChainConnection(URI.create(config.getString("joysync.joystream.chain-url")));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-chain-connection",
            () -> {
              chain.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    return ReadSide.init(system)
        .thenCompose(
            readSide -> {
              QuotaGovernor quota =
                  new QuotaGovernor(
                      readSide.quotaLedger(),
                      youtube.quota(),
                      Clock.systemUTC(),
                      timers,
                      youtube.quotaMaxWaitingCalls());
              Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
              YoutubeDataClient dataApi = new YoutubeDataClient(youtube.api(), quota, blocking);
              startDiscovery(system, config, youtube, dataApi, chain);
              return HttpApi.start(
                  system,
                  httpSettings,
                  new HttpApi.Services(
                      readSide,
                      orion,
                      quota,
                      youtube.onboarding(),
                      dataApi,
                      new OnboardingCheck(youtube.onboarding(), dataApi, Clock.systemUTC()),
                      tokenCipher(config),
                      chain,
                      config.getLong("joysync.joystream.collaborator-member-id"),
                      faucet(config)));
            })
        .thenCombine(management, (binding, uri) -> new Endpoints(binding.localAddress(), uri));
  }

  /** The membership faucet client, or empty (POST /membership answers 503) without an endpoint. */
  static Optional<FaucetClient> faucet(Config config) {
    Config c = config.getConfig("joysync.joystream.faucet");
    if (c.getString("endpoint").isBlank()) {
      log.warn("No faucet endpoint (JOYSYNC_FAUCET_URL): POST /membership answers 503");
      return Optional.empty();
    }
    return Optional.of(
        FaucetClient.create(
            new FaucetSettings(
                URI.create(c.getString("endpoint")),
                c.getString("captcha-bypass-key"),
                c.getDuration("timeout"))));
  }

  /** The owner-token cipher, or empty (sign-ups refused with a clear error) without a key. */
  static Optional<TokenCipher> tokenCipher(Config config) {
    Config c = config.getConfig("joysync.tokens");
    if (c.getString("key").isBlank()) {
      log.warn(
          "No token encryption key (JOYSYNC_TOKEN_KEY): sign-ups are refused until one is set");
      return Optional.empty();
    }
    Map<String, String> keys = new HashMap<>();
    Config previous = c.getConfig("previous-keys");
    previous.root().keySet().forEach(id -> keys.put(id, previous.getString(id)));
    keys.put(c.getString("key-id"), c.getString("key"));
    return Optional.of(new TokenCipher(c.getString("key-id"), keys));
  }

  /** One daemon thread that only times waits (quota resets); stopped with the node. */
  private static ScheduledExecutorService timers(ActorSystem<?> system) {
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "joysync-timers");
              t.setDaemon(true);
              return t;
            });
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stop-timers",
            () -> {
              timers.shutdownNow();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    return timers;
  }

  /**
   * Discovery: the watch schedule, WebSub push, RSS polling, candidates and the chain watch,
   * started once its tables exist (a node whose discovery cannot start logs why).
   */
  private static void startDiscovery(
      ActorSystem<?> system,
      Config config,
      YoutubeSettings youtube,
      YoutubeDataClient dataApi,
      ChainConnection chain) {
    DiscoverySettings settings = DiscoverySettings.from(config);
    DiscoveryStore.init(system)
        .thenAccept(
            stores ->
                Discovery.start(
                    system,
                    settings,
                    stores,
                    youtube,
                    dataApi,
                    chain,
                    new ShardedChannelActions(system, settings.askTimeout()),
                    Clock.systemUTC()))
        .whenComplete(
            (d, e) -> {
              if (e != null) {
                log.error("Discovery could not be started", e);
              }
            });
  }
}
