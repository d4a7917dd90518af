package io.joysync.engine.publish;

import io.joysync.engine.cluster.NodeRole;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.publish.CreationResult.Created;
import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's door to publishing videos on Joystream, built once per node. It checks a request,
 * answers a repeat (joining a request still in flight, or from the results it keeps), and sends the
 * video to a signer account that may publish on its channel ({@link AccountRouter}). It wakes every
 * configured account at start and periodically, so an account with extrinsics in flight reconciles
 * after a restart even when nobody asks it anything, and logs each account's status.
 */
public final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<?> system;
  private final PublishingSettings settings;
  private final ClusterSharding sharding;
  private final AccountRouter router;
  private final Map<String, CompletableFuture<CreationResult>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Created> recent;
  private final AccountGauges gauges = new AccountGauges();

  private Publisher(
      ActorSystem<?> system, PublishingSettings settings, CollaboratorDirectory directory) {
    this.system = system;
    this.settings = settings;
    this.sharding = ClusterSharding.get(system);
    int keep = settings.recentResults();
    this.recent =
        Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Created> eldest) {
                return size() > keep;
              }
            });
    this.router =
        new AccountRouter(
            settings.accounts().stream().map(PublishingSettings.Account::memberId).toList(),
            directory::channel,
            this::ask,
            this::askUpdate,
            settings.pauseRecheck(),
            Clock.systemUTC());
  }

  /**
   * Starts publishing on this node: registers the signer accounts with cluster sharding and wakes
   * them. With no account configured it logs why and {@link #enabled()} is false.
   */
  public static Publisher start(
      ActorSystem<?> system,
      PublishingSettings settings,
      ChainConnection chain,
      OrionClient orion) {
    Publisher publisher =
        new Publisher(
            system,
            settings,
            new CollaboratorDirectory(chain, settings.collaboratorCacheTtl(), Clock.systemUTC()));
    if (!publisher.enabled()) {
      log.warn(
          "publishing is off: no signer account is configured ({}.accounts, or"
              + " JOYSYNC_SIGNER_MEMBER_ID with JOYSYNC_SIGNER_KEY_URI)",
          PublishingSettings.ROOT);
      return publisher;
    }
    if (NodeRole.SIGNER.of(system)) {
      JoystreamAccountChain backend =
          new JoystreamAccountChain(chain, orion, settings, Clock.systemUTC());
      SignerAccount.init(system, settings, backend);
      CoordinatedShutdown.get(system)
          .addTask(
              CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
              "publishing-chain",
              () -> {
                backend.close();
                return CompletableFuture.completedFuture(Done.getInstance());
              });
      // The signer nodes wake the accounts and log their status.
      publisher.schedule();
      log.info(
          "publishing with {} signer accounts (members {}) as app '{}', {} of each block",
          settings.accounts().size(),
          settings.accounts().stream().map(PublishingSettings.Account::memberId).toList(),
          settings.app().name(),
          settings.blockShare());
    } else {
      SignerAccount.initProxy(system);
      log.info(
          "publishing through the signer nodes' accounts (members {}); this node holds no key",
          settings.accounts().stream().map(PublishingSettings.Account::memberId).toList());
    }
    // Every node reads the accounts' status: its router sends no work to an account in trouble.
    publisher.gauges.bind(NodeMetrics.get(system).registry(), settings.accounts());
    NodeMetrics.get(system).every(publisher::accounts);
    return publisher;
  }

  /** False when no account is configured: the node does not publish. */
  public boolean enabled() {
    return !settings.accounts().isEmpty();
  }

  /**
   * Creates the video on Joystream, answered at finality or refused with a reason. Idempotent per
   * YouTube id: a repeat while in flight joins it; a repeat after creation is answered as created.
   */
  public CompletionStage<CreationResult> create(VideoToCreate video) {
    String id = video.ytVideoId();
    if (!enabled()) {
      return CompletableFuture.completedFuture(
          new Refused(id, Refused.NO_ACCOUNT, "no signer account is configured", true));
    }
    Optional<Refused> bad = RequestCheck.refusal(video, settings.maxMetadataBytes());
    if (bad.isPresent()) {
      return CompletableFuture.completedFuture(bad.get());
    }
    Created done = recent.get(id);
    if (done != null) {
      return CompletableFuture.completedFuture(done);
    }
    CompletableFuture<CreationResult> mine = new CompletableFuture<>();
    CompletableFuture<CreationResult> running = inFlight.putIfAbsent(id, mine);
    if (running != null) {
      return running;
    }
    router
        .route(video)
        .whenComplete(
            (result, error) -> {
              inFlight.remove(id, mine);
              if (result instanceof Created c) {
                recent.put(id, c);
              }
              if (error != null) {
                mine.complete(new Refused(id, Refused.UNAVAILABLE, Signing.describe(error), true));
              } else {
                mine.complete(result);
              }
            });
    return mine;
  }

  /**
   * Puts a title and description edit on a video joysync created, answered at finality ({@link
   * CreationResult.Updated}) or refused with a reason. Signed by an account that may update videos
   * of the channel; idempotent per video and edit: a repeat while in flight joins it, and the
   * account answers a repeat of an edit it put on chain without signing it again.
   */
  public CompletionStage<CreationResult> update(VideoUpdate update) {
    String id = update.ytVideoId();
    if (!enabled()) {
      return CompletableFuture.completedFuture(
          new Refused(id, Refused.NO_ACCOUNT, "no signer account is configured", true));
    }
    Optional<Refused> bad = RequestCheck.refusal(update, settings.maxMetadataBytes());
    if (bad.isPresent()) {
      return CompletableFuture.completedFuture(bad.get());
    }
    CompletableFuture<CreationResult> mine = new CompletableFuture<>();
    CompletableFuture<CreationResult> running = inFlight.putIfAbsent(update.key(), mine);
    if (running != null) {
      return running;
    }
    router
        .route(update)
        .whenComplete(
            (result, error) -> {
              inFlight.remove(update.key(), mine);
              mine.complete(
                  error == null
                      ? result
                      : new Refused(id, Refused.UNAVAILABLE, Signing.describe(error), true));
            });
    return mine;
  }

  /** Every configured account's status, for operators. */
  public CompletionStage<List<AccountStatus>> accounts() {
    List<CompletableFuture<AccountStatus>> asks = new ArrayList<>();
    for (PublishingSettings.Account a : settings.accounts()) {
      asks.add(
          sharding
              .entityRefFor(SignerAccount.ENTITY_KEY, Long.toString(a.memberId()))
              .<AccountStatus>ask(SignerAccount.GetStatus::new, STATUS_TIMEOUT)
              .toCompletableFuture()
              .exceptionally(
                  e ->
                      new AccountStatus(
                          a.memberId(),
                          a.key().map(KeyPair::address).orElse("unknown"),
                          "unknown",
                          -1,
                          0,
                          0,
                          0,
                          "UNREACHABLE",
                          Optional.of(Signing.describe(e)))));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            x -> {
              List<AccountStatus> all = asks.stream().map(CompletableFuture::join).toList();
              router.observe(all);
              gauges.observe(all);
              return all;
            });
  }

  private CompletionStage<CreationResult> ask(long member, VideoToCreate video) {
    return askUntilAnswered(
        member,
        replyTo -> new SignerAccount.Create(video, replyTo),
        video.ytVideoId(),
        "the video may still be created: ask again");
  }

  private CompletionStage<CreationResult> askUpdate(long member, VideoUpdate update) {
    return askUntilAnswered(
        member,
        replyTo -> new SignerAccount.Update(update, replyTo),
        update.ytVideoId(),
        "the update may still be applied: ask again");
  }

  /**
   * Asks the account, and asks again every {@code re-ask-interval} while no answer came, until
   * {@code ask-timeout}: a repeat joins the request the account holds, and brings back one the
   * account lost when its node died and it restarted elsewhere.
   */
  private CompletionStage<CreationResult> askUntilAnswered(
      long member,
      Function<ActorRef<CreationResult>, SignerAccount.Command> request,
      String ytVideoId,
      String meanwhile) {
    return askUntil(member, request, System.nanoTime() + settings.askTimeout().toNanos())
        .exceptionally(
            e ->
                new Refused(
                    ytVideoId,
                    Refused.UNAVAILABLE,
                    "signer account "
                        + member
                        + " did not answer within "
                        + settings.askTimeout()
                        + "; "
                        + meanwhile,
                    true));
  }

  private CompletionStage<CreationResult> askUntil(
      long member,
      Function<ActorRef<CreationResult>, SignerAccount.Command> request,
      long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    Duration wait =
        Duration.ofNanos(Math.max(1, Math.min(left, settings.reAskInterval().toNanos())));
    return sharding
        .entityRefFor(SignerAccount.ENTITY_KEY, Long.toString(member))
        .ask(request::apply, wait)
        .handle(
            (answer, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(answer);
              }
              if (System.nanoTime() < deadlineNanos && isTimeout(error)) {
                return askUntil(member, request, deadlineNanos);
              }
              return CompletableFuture.<CreationResult>failedFuture(error);
            })
        .thenCompose(x -> x);
  }

  private static boolean isTimeout(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return e instanceof TimeoutException;
  }

  private void schedule() {
    var ec = system.executionContext();
    system
        .scheduler()
        .scheduleWithFixedDelay(Duration.ZERO, settings.wakeInterval(), this::wakeAll, ec);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            settings.statusLogInterval(), settings.statusLogInterval(), this::logStatus, ec);
  }

  private void wakeAll() {
    for (PublishingSettings.Account a : settings.accounts()) {
      sharding
          .entityRefFor(SignerAccount.ENTITY_KEY, Long.toString(a.memberId()))
          .tell(SignerAccount.Wake.INSTANCE);
    }
  }

  private void logStatus() {
    accounts()
        .thenAccept(
            all ->
                all.forEach(
                    s ->
                        log.atInfo()
                            .addKeyValue("account", s.address())
                            .addKeyValue("memberId", s.memberId())
                            .log(
                                "signer account member {} ({}): {}, free balance {} HAPI, next nonce"
                                    + " {}, {} extrinsics in flight ({} held), {} videos created in the"
                                    + " last hour{}",
                                s.memberId(),
                                s.address(),
                                s.state(),
                                s.freeBalance(),
                                s.nextNonce(),
                                s.extrinsicsInFlight(),
                                s.extrinsicsHeld(),
                                s.videosCreatedLastHour(),
                                s.lastError().map(e -> "; last error: " + e).orElse(""))));
  }
}
