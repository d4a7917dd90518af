package io.joysync.app;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.formFieldOptional;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefixTest;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.toStrictEntity;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import io.joysync.http.ErrorHandling;
import io.joysync.http.OperatorAuth;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.cluster.javadsl.ClusterHttpManagementRoutes;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko Management's cluster HTTP endpoints ({@code /cluster/members}, a member's detail, leave,
 * down, {@code /cluster/shards}, domain events) for operators only: every {@code /cluster} route,
 * reading or writing, answers 401 without the operator key or with a wrong one, and with no key
 * configured it is refused to everyone. The health checks and {@code /metrics} beside it are other
 * route providers and stay open. It takes the place of Pekko Management's own {@code
 * ClusterHttpManagementRouteProvider} (switched off in {@code management.conf}) and serves its
 * routes behind {@link OperatorAuth}'s key check; in front of them it answers, with the API's error
 * shape, what they would answer loosely: a malformed member address (400), a member that does not
 * exist (404, nothing changes), an unknown operation or entity type. Writes follow {@code
 * pekko.management.http.route-providers-read-only}.
 */
public final class ClusterManagementRoutes implements ManagementRouteProvider {

  private static final Logger log = LoggerFactory.getLogger(ClusterManagementRoutes.class);
  private static final String KEY_SETTING = "joysync.http.operator-key";
  static final String REFUSAL =
      "Cluster management needs the operator key: Authorization: Bearer <JOYSYNC_OPERATOR_KEY>";

  private static final FiniteDuration BODY_TIMEOUT = FiniteDuration.create(5, TimeUnit.SECONDS);

  private final Cluster cluster;
  private final ClusterSharding sharding;
  private final OperatorAuth auth;

  public ClusterManagementRoutes(ExtendedActorSystem system) {
    Config config = system.settings().config();
    String key = config.hasPath(KEY_SETTING) ? config.getString(KEY_SETTING) : "";
    if (key.isEmpty()) {
      log.warn(
          "No operator key configured (JOYSYNC_OPERATOR_KEY): the cluster management routes"
              + " answer 401 to everyone");
    }
    this.cluster = Cluster.get(system);
    this.sharding = ClusterSharding.get(system);
    this.auth = new OperatorAuth(key);
  }

  @Override
  public Route routes(ManagementRouteProviderSettings settings) {
    boolean readOnly = settings.readOnly();
    Route pekkoRoutes =
        readOnly
            ? ClusterHttpManagementRoutes.readOnly(cluster)
            : ClusterHttpManagementRoutes.all(cluster);
    Route checked =
        concat(checkedRoutes(new MemberRoutes(cluster, readOnly), readOnly), pekkoRoutes);
    return pathPrefixTest(
        "cluster",
        () ->
            auth.operator(
                REFUSAL,
                () ->
                    handleExceptions(
                        ErrorHandling.EXCEPTIONS,
                        () ->
                            handleRejections(
                                ErrorHandling.REJECTIONS,
                                // Read once here, so that a form field checked in front can be
                                // read again by Pekko Management's route behind.
                                () -> toStrictEntity(BODY_TIMEOUT, () -> checked)))));
  }

  /** What is checked before Pekko Management's routes see a request; they take the rest. */
  private Route checkedRoutes(MemberRoutes members, boolean readOnly) {
    return concat(
        pathPrefix(
            segment("cluster").slash("members").slash(),
            () -> extractUnmatchedPath(rest -> rest.isEmpty() ? reject() : members.member(rest))),
        pathPrefix(segment("cluster").slash("members"), () -> post(() -> checkedJoin(readOnly))),
        pathPrefix(
            segment("cluster").slash("shards").slash(),
            () -> extractUnmatchedPath(this::checkedShardRegion)));
  }

  /** {@code POST /cluster/members} with {@code address}: joins that node, once it parses. */
  private Route checkedJoin(boolean readOnly) {
    if (readOnly) {
      return reject();
    }
    return formFieldOptional(
        "address",
        address -> {
          // Pekko Management's join reads only the full form, pekko://<system>@<host>:<port>.
          Optional<Address> parsed =
              address
                  .filter(a -> a.trim().contains("://"))
                  .flatMap(a -> MemberAddress.parse(a, cluster));
          if (parsed.isEmpty()) {
            return ErrorHandling.error(
                StatusCodes.BAD_REQUEST,
                "INVALID_MEMBER_ADDRESS",
                "POST /cluster/members takes the form field address=pekko://<system>@<host>:<port>");
          }
          log.warn("Cluster management: an operator asked this node to join {}", parsed.get());
          return reject();
        });
  }

  /** {@code GET /cluster/shards/<entity type>}: an entity type this node shards, or 404. */
  private Route checkedShardRegion(String typeName) {
    String name = MemberAddress.decode(typeName);
    if (name.isEmpty() || sharding.getShardTypeNames().contains(name)) {
      return reject();
    }
    return ErrorHandling.error(
        StatusCodes.NOT_FOUND,
        "ENTITY_TYPE_NOT_FOUND",
        "No entity type named "
            + name
            + " is sharded on this node; GET /cluster/shards lists the ones that are");
  }
}
