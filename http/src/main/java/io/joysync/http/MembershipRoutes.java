package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.user.MembershipPurchase;
import io.joysync.joystream.keys.Ss58;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /membership} (youtube-synch endpoint 23): a signed-up creator gets a Joystream
 * membership without a captcha. The request must carry the code of the creator's sign-up (which it
 * does not use up); a creator gets at most {@code joysync.http.max-memberships-per-user} such
 * memberships, however many requests run at once ({@link MembershipPurchase}). The body is Atlas's
 * {@code {userId, authorizationCode, account, handle, avatar?, about?, name?}}; other fields (such
 * as Atlas's {@code captchaToken}) are ignored. A faucet failure answers youtube-synch's bare
 * {@code {code, message}} body.
 */
public final class MembershipRoutes {
  static final int HANDLE_MAX = 100;
  static final int NAME_MAX = 256;
  static final int ABOUT_MAX = 4096;
  static final int AVATAR_MAX = 2048;

  /** What a membership request asks for. */
  record Request(
      String userId,
      String authorizationCode,
      String account,
      String handle,
      Optional<String> avatar,
      Optional<String> about,
      Optional<String> name) {

    MembershipPurchase.Request toPurchase() {
      return new MembershipPurchase.Request(
          userId, authorizationCode, account, handle, avatar, about, name);
    }
  }

  /** What Atlas gets back. */
  public record CreatedMembership(long memberId, String handle) {}

  private final MembershipPurchase purchase;

  public MembershipRoutes(MembershipPurchase purchase) {
    this.purchase = purchase;
  }

  public Route route() {
    return pathPrefix(
        "membership",
        () ->
            pathEndOrSingleSlash(
                () ->
                    post(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body -> {
                                  Request request = parse(body);
                                  return onSuccess(
                                      purchase
                                          .buy(request.toPurchase())
                                          .thenApply(MembershipRoutes::answer),
                                      done ->
                                          complete(StatusCodes.CREATED, done, Json.marshaller()));
                                }))));
  }

  static Request parse(String body) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest("INVALID_BODY", "The body must be an object");
    }
    List<String> problems = new ArrayList<>();
    Optional<String> userId = BatchBody.text(root, "userId", 256, "body", problems);
    Optional<String> code = BatchBody.text(root, "authorizationCode", 2048, "body", problems);
    Optional<String> account = BatchBody.text(root, "account", 64, "body", problems);
    account
        .filter(a -> !isSs58(a))
        .ifPresent(a -> problems.add("body.account must be an SS58 address"));
    Optional<String> handle = BatchBody.text(root, "handle", HANDLE_MAX, "body", problems);
    Optional<String> avatar = Optional.empty();
    if (root.hasNonNull("avatar")) {
      avatar = BatchBody.text(root, "avatar", AVATAR_MAX, "body", problems);
      avatar
          .filter(a -> !isHttpUrl(a))
          .ifPresent(a -> problems.add("body.avatar must be an http(s) URL"));
    }
    Optional<String> about = optionalText(root, "about", ABOUT_MAX, problems);
    Optional<String> name = optionalText(root, "name", NAME_MAX, problems);
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    return new Request(userId.get(), code.get(), account.get(), handle.get(), avatar, about, name);
  }

  /** A string that may be absent or empty (Atlas sends neither {@code about} nor {@code name}). */
  private static Optional<String> optionalText(
      JsonNode root, String field, int maxLength, List<String> problems) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      problems.add("body." + field + " must be a string");
    } else if (n.textValue().length() > maxLength) {
      problems.add("body." + field + " must be at most " + maxLength + " characters long");
    } else {
      return Optional.of(n.textValue());
    }
    return Optional.empty();
  }

  private static boolean isSs58(String address) {
    try {
      Ss58.decode(address);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI u = new URI(url);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null
          && !u.getHost().isBlank();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static CreatedMembership answer(MembershipPurchase.Result result) {
    if (result instanceof MembershipPurchase.Refused refused) {
      throw Refusals.of(refused);
    }
    MembershipPurchase.Bought bought = (MembershipPurchase.Bought) result;
    return new CreatedMembership(bought.memberId(), bought.handle());
  }
}
