package io.joysync.app;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.formFieldOptional;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import io.joysync.http.ErrorHandling;
import io.joysync.http.Json;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.MalformedFormFieldRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cluster/members/<address>}: a member's detail ({@code GET}), leave ({@code DELETE}, or
 * {@code PUT operation=leave}) and down ({@code PUT operation=down}), as Pekko Management serves
 * them, with clear refusals: an address that does not parse is a 400, an address no member has is a
 * 404 and nothing is changed, an operation other than down or leave is a 400. Every leave and down
 * is logged.
 */
final class MemberRoutes {

  private static final Logger log = LoggerFactory.getLogger(MemberRoutes.class);
  private static final String OPERATIONS =
      "PUT /cluster/members/<address> takes the form field operation=down or operation=leave";

  /** A member as Pekko Management describes it, plus whether this node reaches it. */
  record MemberView(
      String node, String nodeUid, String status, List<String> roles, boolean reachable) {
    MemberView {
      roles = List.copyOf(roles);
    }
  }

  /** The answer to a leave or down, in Pekko Management's shape. */
  record Message(String message) {}

  private final Cluster cluster;
  private final boolean readOnly;

  MemberRoutes(Cluster cluster, boolean readOnly) {
    this.cluster = cluster;
    this.readOnly = readOnly;
  }

  Route member(String rawAddress) {
    String written = MemberAddress.decode(rawAddress);
    Optional<Address> address = MemberAddress.parse(written, cluster);
    if (address.isEmpty()) {
      return ErrorHandling.error(
          StatusCodes.BAD_REQUEST,
          "INVALID_MEMBER_ADDRESS",
          "'" + written + "' is not a member address; give " + MemberAddress.EXPECTED_FORM);
    }
    Optional<Member> member = find(address.get());
    if (member.isEmpty()) {
      return ErrorHandling.error(
          StatusCodes.NOT_FOUND,
          "MEMBER_NOT_FOUND",
          "No member of this cluster has the address "
              + address.get()
              + "; nothing was changed (GET /cluster/members lists the members)");
    }
    Member m = member.get();
    Route detail = get(() -> complete(StatusCodes.OK, view(m), Json.marshaller()));
    if (readOnly) {
      return detail;
    }
    return concat(
        detail,
        delete(() -> leave(m)),
        put(
            () ->
                handleRejections(
                    notAForm(),
                    () ->
                        formFieldOptional(
                            "operation",
                            op ->
                                switch (op.orElse("").trim().toLowerCase(java.util.Locale.ROOT)) {
                                  case "down" -> down(m);
                                  case "leave" -> leave(m);
                                  default ->
                                      ErrorHandling.error(
                                          StatusCodes.BAD_REQUEST,
                                          "UNSUPPORTED_OPERATION",
                                          OPERATIONS);
                                }))));
  }

  private Optional<Member> find(Address address) {
    return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.address().equals(address))
        .findFirst();
  }

  private MemberView view(Member m) {
    return new MemberView(
        m.address().toString(),
        Long.toString(m.uniqueAddress().longUid()),
        m.status().toString(),
        m.getRoles().stream().sorted().toList(),
        !cluster.state().getUnreachable().contains(m));
  }

  private Route leave(Member m) {
    log.warn("Cluster management: an operator asked member {} to leave the cluster", m.address());
    cluster.leave(m.address());
    return complete(StatusCodes.OK, new Message("Leaving " + m.address()), Json.marshaller());
  }

  private Route down(Member m) {
    log.warn("Cluster management: an operator downed member {}", m.address());
    cluster.down(m.address());
    return complete(StatusCodes.OK, new Message("Downing " + m.address()), Json.marshaller());
  }

  /** A PUT whose body is not a form gets the same sentence as an unknown operation. */
  private static RejectionHandler notAForm() {
    return RejectionHandler.newBuilder()
        .handle(
            UnsupportedRequestContentTypeRejection.class,
            r -> ErrorHandling.error(StatusCodes.BAD_REQUEST, "UNSUPPORTED_OPERATION", OPERATIONS))
        .handle(
            MalformedFormFieldRejection.class,
            r -> ErrorHandling.error(StatusCodes.BAD_REQUEST, "UNSUPPORTED_OPERATION", OPERATIONS))
        .build();
  }
}
