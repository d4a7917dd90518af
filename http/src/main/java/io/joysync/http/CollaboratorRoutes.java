package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.joysync.engine.joystream.ChainConnection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /status/collaborator} (youtube-synch endpoint 22): the member joysync publishes videos
 * as, its controller account and that account's free balance in whole JOY, read from the chain.
 * Operators watch it to top the account up before transaction fees stop the sync.
 */
public final class CollaboratorRoutes {

  /** One JOY is 10^10 of the chain's base unit. */
  static final BigDecimal BASE_UNITS_PER_JOY = BigDecimal.TEN.pow(10);

  /** youtube-synch's shape: the member id as its configuration held it, a string. */
  public record Collaborator(String memberId, String controllerAccount, String balance) {}

  private final ChainConnection chain;
  private final long memberId;

  public CollaboratorRoutes(ChainConnection chain, long memberId) {
    this.chain = chain;
    this.memberId = memberId;
  }

  public Route route() {
    return path(
        PathMatchers.segment("status").slash("collaborator"),
        () ->
            get(
                () ->
                    onSuccess(
                        collaborator(), c -> complete(StatusCodes.OK, c, Json.marshaller()))));
  }

  private CompletionStage<Collaborator> collaborator() {
    return chain
        .chainState()
        .thenCompose(
            state ->
                state
                    .membership(memberId, null)
                    .thenCompose(
                        member -> {
                          var m =
                              member.orElseThrow(
                                  () ->
                                      ApiException.notFound(
                                          "COLLABORATOR_NOT_FOUND",
                                          "Collaborator member " + memberId + " not found"));
                          return state
                              .account(m.controllerAccount(), null)
                              .thenApply(
                                  account ->
                                      new Collaborator(
                                          Long.toString(memberId),
                                          m.controllerAccount().toSs58(),
                                          wholeJoy(account.free())));
                        }));
  }

  static String wholeJoy(BigInteger baseUnits) {
    return new BigDecimal(baseUnits)
        .divide(BASE_UNITS_PER_JOY, 0, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
