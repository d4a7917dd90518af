package io.joysync.app;

import com.typesafe.config.Config;
import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.InitialIngestion;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.engine.cluster.NodeRole;
import io.joysync.engine.discovery.Discovery;
import io.joysync.engine.discovery.DiscoverySettings;
import io.joysync.engine.discovery.ShardedChannelActions;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.joystream.JoystreamSettings;
import io.joysync.engine.link.JoystreamLinkEntity;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.notify.CreatorNotices;
import io.joysync.engine.notify.MailSettings;
import io.joysync.engine.notify.NoticeTemplates;
import io.joysync.engine.notify.Notifier;
import io.joysync.engine.notify.SmtpMailSender;
import io.joysync.engine.pipeline.Pipeline;
import io.joysync.engine.pipeline.PipelineSettings;
import io.joysync.engine.pipeline.PipelineStallWatch;
import io.joysync.engine.pipeline.QueueCleanup;
import io.joysync.engine.pipeline.SyncSwitch;
import io.joysync.engine.publish.Publisher;
import io.joysync.engine.publish.PublishingSettings;
import io.joysync.engine.signup.ChannelSignUp;
import io.joysync.engine.signup.OperatorChanges;
import io.joysync.engine.signup.OwnerSignedChanges;
import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.engine.signup.UserSignUp;
import io.joysync.engine.user.MembershipPurchase;
import io.joysync.engine.user.UserEntity;
import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.whitelist.WhitelistEntity;
import io.joysync.engine.youtube.YoutubeSettings;
import io.joysync.engine.youtube.YoutubeSide;
import io.joysync.http.HttpApi;
import io.joysync.http.HttpApiReadinessCheck;
import io.joysync.http.HttpSettings;
import io.joysync.joystream.colossus.ColossusClient;
import io.joysync.joystream.faucet.FaucetClient;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.persistence.discovery.DiscoveryStore;
import io.joysync.persistence.notify.CassandraNoticeLedger;
import io.joysync.persistence.notify.CreatorNoticeProjection;
import io.joysync.persistence.readside.ReadSide;
import io.joysync.persistence.schema.CassandraSchema;
import io.joysync.persistence.schema.InvalidCassandraSetting;
import java.net.InetSocketAddress;
import java.time.Clock;
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
  public record Endpoints(Optional<InetSocketAddress> api, Uri management) {

    /** The HTTP API's address; only on a node with the api role. */
    public InetSocketAddress http() {
      return api.orElseThrow(
          () -> new IllegalStateException("this node serves no HTTP API (no api role)"));
    }
  }

  private Node() {}

  /**
   * Creates the actor system named {@code joysync} from the given configuration and inits it. A
   * Cassandra setting the node cannot run with ({@link InvalidCassandraSetting}, naming it) is
   * refused here, before anything is created.
   */
  public static Running start(Config config) {
    // A wrong pipeline setting is refused before anything starts, as a wrong Cassandra one is.
    PipelineSettings.from(config);
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "joysync",
            ClusterFormation.configure(NodeRoles.configure(CassandraSchema.configure(config))));
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
   * Wires a node into {@code system}, in this order: cluster membership and the bound on a downed
   * node's exit, the node's meters, management endpoints (health checks, {@code /metrics}), the
   * sharded entities, the clients of Orion, the chain and YouTube, the publisher (signer accounts),
   * then, once the read side is up, the sync pipeline and the HTTP API.
   */
  public static CompletionStage<Endpoints> init(ActorSystem<?> system) {
    Config config = system.settings().config();
    // Checked first: a formation that contradicts the seed nodes or lists no peer starts nothing.
    ClusterFormation.from(config);
    log.info(
        "joysync node with roles {} ({})",
        Cluster.get(system).selfMember().getRoles().stream()
            .filter(r -> !r.startsWith("dc-"))
            .sorted()
            .toList(),
        NodeRoles.SETTING);
    // A downed node (split brain resolver, operator) must be gone before its accounts restart.
    DownedNodeExit.install(system);
    // First: the JVM and cluster meters, and the registry /metrics reads, before anything counts.
    NodeMeters.get(system);
    // Spans are made from here on (pipeline, HTTP) when an OTLP endpoint is configured.
    NodeTelemetry.start(system);
    CompletionStage<Uri> management = PekkoManagement.get(system).start();
    // After management: with Cluster Bootstrap its endpoint is what the peers probe.
    ClusterFormation.start(system);

    WhitelistEntity.init(system);
    ChannelEntity.init(system);
    VideoEntity.init(system);
    SyncSwitch.init(system);
    JoystreamLinkEntity.init(system);
    UserEntity.init(system);

    // Every setting is read and checked here, once, even those of parts this node does not run,
    // so a wrong value stops the node at start, naming its setting.
    HttpSettings httpSettings = HttpSettings.from(config);
    PipelineSettings pipelineSettings = PipelineSettings.from(config);
    MailSettings mail = MailSettings.from(config);
    // A broken operator template stops the node with its file named.
    NoticeTemplates templates = NoticeTemplates.load(mail.templatesDir());
    JoystreamSettings joystream = JoystreamSettings.from(config);
    YoutubeSettings youtubeSettings = YoutubeSettings.fromConfig(config);
    DiscoverySettings discoverySettings = DiscoverySettings.from(config);
    boolean signs = NodeRole.SIGNER.of(system);
    if (!signs && PublishingSettings.holdsSecrets(config)) {
      log.warn(
          "This node has no signer role ({}), yet its configuration gives signing secrets (an"
              + " account's key or the app's auth key seed): they are not read; give them to the"
              + " signer nodes only",
          NodeRoles.SETTING);
    }
    PublishingSettings publishing = PublishingSettings.from(config, signs);
    Optional<TokenCipher> tokenCipher = TokenCipher.from(config);
    if (NodeRole.API.of(system) && tokenCipher.isEmpty()) {
      log.warn(
          "No token encryption key (JOYSYNC_TOKEN_KEY): sign-ups are refused until one is set");
    }
    if (NodeRole.API.of(system) && joystream.faucet().isEmpty()) {
      log.warn("No faucet endpoint (JOYSYNC_FAUCET_URL): POST /membership answers 503");
    }

    OrionClient orion = OrionClient.create(joystream.orionUrl());
    ScheduledExecutorService timers = timers(system);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    ChainConnection chain = new ChainConnection(joystream.chainUrl());
    closeOnShutdown(system, "close-chain-connection", chain);
    Publisher publisher = Publisher.start(system, publishing, chain, orion);
    return ReadSide.init(system)
        .thenCompose(
            readSide -> {
              YoutubeSide youtube =
                  YoutubeSide.create(
                      youtubeSettings, readSide.quotaLedger(), blocking, timers, Clock.systemUTC());
              NodeMeters.bindReadSide(NodeMetrics.get(system), readSide, youtube.quota());
              startDiscovery(system, discoverySettings, youtube, chain);
              startCreatorNotices(system, mail, templates, readSide, blocking);
              Optional<Pipeline> pipeline =
                  startPipeline(
                      system,
                      pipelineSettings,
                      readSide,
                      youtube,
                      chain,
                      orion,
                      publisher,
                      blocking);
              pipeline.ifPresent(
                  p ->
                      PipelineStallWatch.start(
                          system,
                          pipelineSettings.stallAfter(),
                          () -> readSide.videos().syncBacklog(VideoEntity.tags())));
              if (!NodeRole.API.of(system)) {
                log.info(
                    "This node serves no HTTP API: it has no api role ({})", NodeRoles.SETTING);
                HttpApiReadinessCheck.Bound.get(system).notServedHere();
                return CompletableFuture.completedFuture(Optional.<InetSocketAddress>empty());
              }
              return HttpApi.start(
                      system,
                      httpSettings,
                      apiServices(
                          system,
                          httpSettings,
                          joystream,
                          youtubeSettings,
                          youtube,
                          tokenCipher,
                          readSide,
                          orion,
                          chain,
                          publisher,
                          pipeline))
                  .thenApply(binding -> Optional.of(binding.localAddress()));
            })
        .thenCombine(management, Endpoints::new);
  }

  /** The engine's use cases the HTTP API serves, each built once here. */
  private static HttpApi.Services apiServices(
      ActorSystem<?> system,
      HttpSettings http,
      JoystreamSettings joystream,
      YoutubeSettings youtubeSettings,
      YoutubeSide youtube,
      Optional<TokenCipher> tokenCipher,
      ReadSide readSide,
      OrionClient orion,
      ChainConnection chain,
      Publisher publisher,
      Optional<Pipeline> pipeline) {
    Clock clock = Clock.systemUTC();
    JoystreamLinks links = new JoystreamLinks(system, http.askTimeout(), clock);
    InitialIngestion ingestion =
        new InitialIngestion(system, youtube.dataApi(), http.askTimeout(), clock);
    return new HttpApi.Services(
        readSide,
        links,
        new UserSignUp(
            system, youtube.dataApi(), youtube.onboarding(), tokenCipher, http.askTimeout(), clock),
        new ChannelSignUp(
            system,
            links,
            orion,
            youtube.dataApi(),
            tokenCipher,
            ingestion,
            http.syncEnabled(),
            http.askTimeout(),
            clock),
        new UnauthorizedChannels(
            system,
            links,
            orion,
            chain,
            joystream.collaboratorMemberId(),
            youtube.dataApi(),
            http.askTimeout(),
            clock),
        new OwnerSignedChanges(
            system, links, orion, http.signedMessageMaxAge(), http.askTimeout(), clock),
        new OperatorChanges(system, links, ingestion, http.syncEnabled(), http.askTimeout(), clock),
        new MembershipPurchase(
            system,
            joystream.faucet().map(FaucetClient::create),
            orion,
            http.askTimeout(),
            http.maxMembershipsPerUser(),
            clock),
        new QueueCleanup(
            system,
            readSide.work(),
            youtube.dataApi(),
            youtube.quota(),
            youtubeSettings.download().maxDuration(),
            http.askTimeout(),
            clock),
        publisher,
        pipeline,
        youtube.quota(),
        youtubeSettings.onboarding(),
        chain,
        joystream.collaboratorMemberId());
  }

  /**
   * Starts the sync pipeline when syncing is on and a signing account can publish; otherwise says
   * why the node does not sync.
   */
  private static Optional<Pipeline> startPipeline(
      ActorSystem<?> system,
      PipelineSettings settings,
      ReadSide readSide,
      YoutubeSide youtube,
      ChainConnection chain,
      OrionClient orion,
      Publisher publisher,
      Executor blocking) {
    if (!NodeRole.PIPELINE.of(system)) {
      log.info(
          "This node runs no sync workers: it has no pipeline role ({}); the nodes that have it"
              + " sync",
          NodeRoles.SETTING);
      return Optional.empty();
    }
    if (!settings.syncEnabled()) {
      log.warn("Syncing is switched off (JOYSYNC_SYNC_ENABLE): the pipeline does not run");
      return Optional.empty();
    }
    if (!publisher.enabled()) {
      log.warn(
          "No signing account is configured (joysync.publishing.accounts, JOYSYNC_SIGNER_*):"
              + " videos are tracked but not published");
      return Optional.empty();
    }
    ColossusClient colossus = ColossusClient.create();
    return Optional.of(
        Pipeline.start(
            system,
            settings,
            new Pipeline.Parts(
                readSide.work(),
                readSide.channels()::tiers,
                youtube,
                chain,
                orion,
                colossus,
                publisher::create,
                publisher::update,
                blocking)));
  }

  private static void closeOnShutdown(ActorSystem<?> system, String name, AutoCloseable resource) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            name,
            () -> {
              try {
                resource.close();
              } catch (Exception e) {
                log.warn("Closing {} failed: {}", name, e.toString());
              }
              return CompletableFuture.completedFuture(Done.getInstance());
            });
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
   * Starts the creator e-mails (projections of the channel and video events, sent over SMTP at most
   * once each) when an SMTP host is configured; otherwise says that they are off.
   */
  private static void startCreatorNotices(
      ActorSystem<?> system,
      MailSettings mail,
      NoticeTemplates templates,
      ReadSide readSide,
      Executor blocking) {
    if (!mail.enabled()) {
      log.info("Creator e-mails are off (no SMTP host: joysync.mail.host, JOYSYNC_SMTP_HOST)");
      return;
    }
    SmtpMailSender sender = new SmtpMailSender(mail, blocking);
    CreatorNoticeProjection.init(
        system,
        readSide.channels(),
        readSide.videos(),
        new CreatorNotices(mail.appUrl()),
        new Notifier(CassandraNoticeLedger.of(system), templates, sender, Clock.systemUTC()),
        mail.maxEventAge());
    log.info("Creator e-mails are on: {}", mail);
  }

  /**
   * Discovery: the watch schedule, WebSub push, RSS polling, candidates and the chain watch,
   * started once its tables exist. A node whose discovery cannot start logs why, as an error; one
   * that is stopping before its discovery started says so, as that is no fault.
   */
  private static void startDiscovery(
      ActorSystem<?> system,
      DiscoverySettings settings,
      YoutubeSide youtube,
      ChainConnection chain) {
    DiscoveryStore.init(system)
        .thenAccept(
            stores ->
                Discovery.start(
                    system,
                    settings,
                    stores,
                    youtube,
                    chain,
                    new ShardedChannelActions(system, settings.askTimeout()),
                    Clock.systemUTC()))
        .whenComplete(
            (d, e) -> {
              if (e == null) {
                return;
              }
              if (CoordinatedShutdown.get(system).getShutdownReason().isPresent()) {
                log.info("Discovery did not start: the node stopped first");
              } else {
                log.error("Discovery could not be started", e);
              }
            });
  }
}
