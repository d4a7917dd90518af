package io.joysync.joystream.faucet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.joystream.orion.BoundedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks Joystream's membership faucet to buy a membership for a new account, the way youtube-synch
 * does: {@code POST <endpoint>} with {@code {account, handle, avatar, about, name}} and {@code
 * Authorization: Bearer <captchaBypassKey>}, answered by {@code {memberId}}. Every failure ends in
 * a {@link FaucetException} with the faucet's error code or the transport cause, and says whether
 * the faucet certainly bought nothing; replies are read only up to a small bound. Thread-safe; one
 * instance per endpoint.
 */
public final class FaucetClient {
  private static final int MAX_REPLY_BYTES = 64 * 1024;

  private final FaucetSettings settings;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  private FaucetClient(FaucetSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  public static FaucetClient create(FaucetSettings settings) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new FaucetClient(settings, http);
  }

  public FaucetSettings settings() {
    return settings;
  }

  /**
   * Registers a membership; completes with the new member's id or fails with {@link
   * FaucetException}.
   */
  public CompletableFuture<MembershipCreated> register(MembershipRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(request)));
    if (!settings.captchaBypassKey().isEmpty()) {
      builder.header("Authorization", "Bearer " + settings.captchaBypassKey());
    }
    return http.sendAsync(builder.build(), BoundedBody.handler(MAX_REPLY_BYTES))
        .handle(
            (response, error) -> {
              if (error != null) {
                throw transportFailure(unwrap(error));
              }
              return read(response);
            });
  }

  private String body(MembershipRequest r) {
    ObjectNode o = json.createObjectNode();
    o.put("account", r.account());
    o.put("handle", r.handle());
    r.avatar().ifPresent(a -> o.put("avatar", a));
    r.about().ifPresent(a -> o.put("about", a));
    r.name().ifPresent(n -> o.put("name", n));
    return o.toString();
  }

  private MembershipCreated read(HttpResponse<BoundedBody.Result> response) {
    int status = response.statusCode();
    if (!(response.body() instanceof BoundedBody.Complete complete)) {
      throw new FaucetException(
          "INVALID_RESPONSE",
          status,
          false,
          "the faucet answered more than " + MAX_REPLY_BYTES + " bytes");
    }
    JsonNode reply = parse(complete.bytes());
    if (status >= 200 && status < 300) {
      JsonNode id = reply == null ? null : reply.get("memberId");
      if (id == null || !id.canConvertToExactIntegral() || id.asLong() < 0) {
        throw new FaucetException(
            "INVALID_RESPONSE",
            status,
            false,
            "the faucet answered " + status + " without a member id");
      }
      return new MembershipCreated(id.asLong());
    }
    JsonNode error = reply == null ? null : reply.get("error");
    String code =
        error != null && error.isTextual()
            ? error.asText()
            : plainCode(complete.bytes()).orElse("HTTP_" + status);
    throw new FaucetException(
        code,
        status,
        refusedBeforeBuying(status, code),
        "the faucet answered the registration with " + status + " " + code);
  }

  /**
   * The faucet checks the request (key, address, fresh account, handle, its funds, its rate limits)
   * before it submits anything and answers those refusals with a 4xx; a 5xx may come after the
   * membership was submitted (its catch-all {@code InternalServerError}), so only a 4xx, or the
   * exhausted-funds check, proves that nothing was bought.
   */
  private static boolean refusedBeforeBuying(int status, String code) {
    return (status >= 400 && status < 500) || "FaucetExhausted".equals(code);
  }

  /** Some refusals ({@code FaucetExhausted}, {@code TooManyRequests}) come as a bare word. */
  private static Optional<String> plainCode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
      text = text.substring(1, text.length() - 1);
    }
    return text.matches("[A-Za-z][A-Za-z0-9_]{0,63}") ? Optional.of(text) : Optional.empty();
  }

  private JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      JsonNode n = json.readTree(bytes);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * No answer came. Only a connection that was never made proves the request was not sent; after it
   * was sent (a timeout, a reset) the faucet may have bought the membership.
   */
  private FaucetException transportFailure(Throwable e) {
    String code;
    if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
      code = "TIMEOUT";
    } else if (e instanceof ConnectException) {
      code = "ECONNREFUSED";
    } else if (e instanceof IOException) {
      code = "ECONNRESET";
    } else {
      code = "REQUEST_FAILED";
    }
    boolean neverSent = e instanceof HttpConnectTimeoutException || e instanceof ConnectException;
    return new FaucetException(
        code,
        0,
        neverSent,
        "the faucet at " + settings.endpoint() + " could not be reached (" + code + ")",
        e);
  }
}
