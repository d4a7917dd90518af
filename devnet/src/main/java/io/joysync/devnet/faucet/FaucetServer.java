package io.joysync.devnet.faucet;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.SwitchableServer;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.Ss58;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Joystream's membership faucet: {@code POST /register} with {@code {account,
 * handle, avatar?, about?, name?}} and {@code Authorization: Bearer <captchaBypassKey>} buys the
 * membership on the devnet chain and answers {@code {memberId, block, blockHash}}. Refusals are the
 * faucet's {@code {"error": code}} bodies: 403 {@code Unauthorized} (a wrong key, as the real
 * faucet keeps it general), 400 {@code InvalidAddress}, {@code HandleTooShort}, {@code
 * HandleTooLong}, {@code InvalidRequest}, {@code OnlyNewAccountsCanBeUsedForScreenedMembers}, the
 * chain's own error such as {@code HandleAlreadyRegistered}, 429 {@code TooManyRequests} when the
 * queue is full, 500 {@code FaucetExhausted} when the paying account cannot afford the price and
 * {@code InternalServerError} under the "faucet errors" fault (nothing bought) or, after buying,
 * under the "faucet answer lost" fault. Registrations run one at a time (as in the real faucet) so
 * the paying account's nonces never collide; at most {@code queue-limit} wait.
 */
public final class FaucetServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaucetServer.class);
  private static final long MAX_BODY_BYTES = 64 * 1024;

  private final ObjectMapper json;
  private final FaultSwitches faults;
  private final FaucetConfig config;
  private final MembershipBuyer buyer;
  private final SwitchableServer server;
  private final ExecutorService worker;
  private final AtomicInteger waiting = new AtomicInteger();

  private FaucetServer(
      ActorSystem<?> system,
      ObjectMapper json,
      FaultSwitches faults,
      String host,
      FaucetConfig config,
      URI chainUrl) {
    this.json = json;
    this.faults = faults;
    this.config = config;
    this.buyer = new MembershipBuyer(chainUrl, config.account(), config.inclusionTimeout());
    this.server = new SwitchableServer(system, host, this::route);
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "devnet-faucet");
              t.setDaemon(true);
              return t;
            });
  }

  /** A faucet paying from the account in {@code faucetConfig}, buying through {@code chainUrl}. */
  public static FaucetServer create(
      ActorSystem<?> system,
      ObjectMapper json,
      FaultSwitches faults,
      String host,
      com.typesafe.config.Config faucetConfig,
      URI chainUrl) {
    return new FaucetServer(system, json, faults, host, FaucetConfig.from(faucetConfig), chainUrl);
  }

  public CompletionStage<InetSocketAddress> bind(int requested) {
    return server.bind(requested);
  }

  /** The configured port ({@code joysync.devnet.faucet.port}, 0 for any). */
  public int configuredPort() {
    return config.port();
  }

  public int port() {
    return server.port();
  }

  /** The address of the account that pays for the memberships. */
  public String payerAddress() {
    return config.account().address();
  }

  /** Takes the faucet off the network (connections refused) or brings it back. */
  public CompletionStage<?> setDown(boolean down) {
    faults.setFaucetDown(down);
    return server.setListening(!down);
  }

  Route route() {
    return path(
        "register",
        () ->
            post(
                () ->
                    extractRequest(
                        request ->
                            withSizeLimit(
                                MAX_BODY_BYTES,
                                () ->
                                    entity(
                                        Unmarshaller.entityToString(),
                                        body -> completeWithFuture(register(request, body)))))));
  }

  private CompletionStage<HttpResponse> register(HttpRequest request, String body) {
    try {
      if (!authorized(request)) {
        throw new FaucetRefusal(403, "Unauthorized", "missing or wrong captcha-bypass key");
      }
      if (faults.faucetErrors()) {
        throw new FaucetRefusal(500, "InternalServerError", "fault switch faucetErrors");
      }
      Registration r = parse(body);
      if (waiting.incrementAndGet() > config.queueLimit()) {
        waiting.decrementAndGet();
        throw new FaucetRefusal(429, "TooManyRequests", "the registration queue is full");
      }
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              MembershipBuyer.Bought b = buyer.buy(r.account(), r.handle(), r.metadata());
              if (faults.faucetAnswerLost()) {
                log.info(
                    "faucet bought member {} and answers an error (faucetAnswerLost)",
                    b.memberId());
                return refusal(
                    new FaucetRefusal(500, "InternalServerError", "fault switch faucetAnswerLost"));
              }
              ObjectNode ok = json.createObjectNode();
              ok.put("memberId", b.memberId());
              ok.put("block", b.block());
              ok.put("blockHash", b.blockHash());
              return reply(200, ok);
            } catch (FaucetRefusal e) {
              return refusal(e);
            } catch (Exception e) {
              log.warn("faucet registration of '{}' failed", r.handle(), e);
              return refusal(new FaucetRefusal(500, "InternalServerError", e.toString()));
            } finally {
              waiting.decrementAndGet();
            }
          },
          worker);
    } catch (FaucetRefusal e) {
      return CompletableFuture.completedFuture(refusal(e));
    }
  }

  private record Registration(AccountId account, String handle, byte[] metadata) {}

  private boolean authorized(HttpRequest request) {
    String key = config.captchaBypassKey();
    if (key.isEmpty()) {
      return true;
    }
    String header = request.getHeader("Authorization").map(h -> h.value()).orElse("").trim();
    String[] parts = header.split("\\s+");
    return parts.length == 2
        && parts[0].equalsIgnoreCase("Bearer")
        && MessageDigest.isEqual(
            parts[1].getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
  }

  private Registration parse(String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (Exception e) {
      throw new FaucetRefusal(400, "InvalidRequest", "the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new FaucetRefusal(400, "InvalidRequest", "the body must be a JSON object");
    }
    AccountId account;
    try {
      account = new AccountId(Ss58.decode(text(root, "account").orElse("")).publicKey());
    } catch (IllegalArgumentException e) {
      throw new FaucetRefusal(400, "InvalidAddress", "account is not an SS58 address");
    }
    String handle = text(root, "handle").orElse("");
    int length = handle.getBytes(StandardCharsets.UTF_8).length;
    if (length > config.maxHandleLength()) {
      throw new FaucetRefusal(400, "HandleTooLong", "handle is " + length + " bytes");
    }
    if (length < config.minHandleLength()) {
      throw new FaucetRefusal(400, "HandleTooShort", "handle is " + length + " bytes");
    }
    byte[] metadata =
        MembershipBuyer.metadata(text(root, "name"), text(root, "avatar"), text(root, "about"));
    return new Registration(account, handle, metadata);
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new FaucetRefusal(400, "InvalidRequest", field + " must be a string");
    }
    return Optional.of(n.asText());
  }

  private HttpResponse refusal(FaucetRefusal e) {
    return reply(e.status(), json.createObjectNode().put("error", e.error()));
  }

  private static HttpResponse reply(int status, ObjectNode body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }

  @Override
  public void close() {
    worker.shutdownNow();
    buyer.close();
    server.close();
  }
}
