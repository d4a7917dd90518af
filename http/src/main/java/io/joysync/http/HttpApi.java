package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.metrics.NodeTracing;
import io.joysync.engine.pipeline.Pipeline;
import io.joysync.engine.pipeline.QueueCleanup;
import io.joysync.engine.publish.Publisher;
import io.joysync.engine.signup.ChannelSignUp;
import io.joysync.engine.signup.OperatorChanges;
import io.joysync.engine.signup.OwnerSignedChanges;
import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.engine.signup.UserSignUp;
import io.joysync.engine.user.MembershipPurchase;
import io.joysync.engine.youtube.onboarding.OnboardingRequirements;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.persistence.readside.ReadSide;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.cors.javadsl.CorsDirectives;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of a joysync node: Atlas-facing and operator routes behind CORS, request logging,
 * request meters (by route template and status) and the single error mapping. Binds once per node
 * and unbinds on coordinated shutdown.
 */
public final class HttpApi {

  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private HttpApi() {}

  /**
   * What the routes serve, each built once by the node: the read side they query, the engine's use
   * cases they run, and the chain a route reads directly (the collaborator's balance).
   */
  public record Services(
      ReadSide readSide,
      JoystreamLinks links,
      UserSignUp userSignUp,
      ChannelSignUp channelSignUp,
      UnauthorizedChannels unauthorizedChannels,
      OwnerSignedChanges ownerSignedChanges,
      OperatorChanges operatorChanges,
      MembershipPurchase memberships,
      QueueCleanup cleanup,
      Publisher publisher,
      Optional<Pipeline> pipeline,
      QuotaGovernor quota,
      OnboardingRequirements requirements,
      ChainConnection chain,
      long collaboratorMemberId) {}

  public static Route routes(ActorSystem<?> system, HttpSettings settings, Services services) {
    ReadSide readSide = services.readSide();
    JoystreamLinks links = services.links();
    OperatorAuth auth = new OperatorAuth(settings.operatorKey());
    Clock clock = Clock.systemUTC();
    TopReferrers topReferrers =
        new TopReferrers(readSide.channels(), clock, settings.topReferrersCacheTtl());
    Route api =
        concat(
            new StatusRoutes(settings, services.quota(), readSide.videos()).route(),
            new ApiDocsRoutes().route(),
            new WhitelistRoutes(system, auth, settings).route(),
            new SyncRoutes(
                    system,
                    readSide,
                    services.publisher(),
                    services.pipeline(),
                    auth,
                    settings,
                    clock)
                .route(),
            new QueueCleanupRoutes(services.cleanup(), auth).route(),
            new RequirementsRoutes(services.requirements()).route(),
            new CollaboratorRoutes(services.chain(), services.collaboratorMemberId()).route(),
            new ChannelSignUpRoutes(services.channelSignUp(), settings).route(),
            new UserRoutes(services.userSignUp(), settings).route(),
            new MembershipRoutes(services.memberships()).route(),
            new ChannelOperatorRoutes(services.operatorChanges(), auth, settings).route(),
            new OwnerSignedRoutes(services.ownerSignedChanges()).route(),
            // Before the queries: /channels/stats is not a Joystream channel id.
            new UnauthorizedChannelRoutes(system, services.unauthorizedChannels(), auth).route(),
            new ChannelStatsRoutes(readSide.channels(), auth).route(),
            new ChannelQueryRoutes(
                    readSide.channels(), links, readSide.videos(), topReferrers, clock)
                .route(),
            new UserVideosRoutes(readSide.channels(), readSide.videos()).route(),
            new WebSubCallbackRoutes(system).route());
    RequestMeters meters = new RequestMeters(NodeMetrics.get(system).registry());
    RequestTracing tracing = new RequestTracing(NodeTracing.get(system).tracer(), meters::route);
    return meters.measured(
        RequestLog.logged(
            tracing.traced(
                withRequestTimeoutResponse(
                    request -> ErrorHandling.timeoutResponse(),
                    () ->
                        CorsDirectives.cors(
                            () ->
                                handleExceptions(
                                    ErrorHandling.EXCEPTIONS,
                                    () ->
                                        handleRejections(ErrorHandling.REJECTIONS, () -> api)))))));
  }

  /** Binds the API and registers its unbinding with coordinated shutdown. */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, HttpSettings settings, Services services) {
    if (settings.operatorKey().isEmpty()) {
      log.warn("No operator key configured (JOYSYNC_OPERATOR_KEY): operator endpoints answer 401");
    }
    return Http.get(system)
        .newServerAt(settings.interfaceName(), settings.port())
        .bind(routes(system, settings, services))
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system))
        .whenComplete(
            (binding, e) -> {
              if (e == null) {
                HttpApiReadinessCheck.Bound.get(system).set(true);
                log.info(
                    "HTTP API listening on http://{}:{}",
                    binding.localAddress().getHostString(),
                    binding.localAddress().getPort());
              } else {
                log.error(
                    "HTTP API could not bind {}:{}", settings.interfaceName(), settings.port());
              }
            });
  }
}
