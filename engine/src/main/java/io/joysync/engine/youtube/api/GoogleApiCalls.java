package io.joysync.engine.youtube.api;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.CredentialRefreshListener;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.youtube.YouTube;
import io.joysync.engine.youtube.YoutubeApiException;
import io.joysync.engine.youtube.quota.QuotaCost;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaPurpose;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery under {@link YoutubeDataClient}: Google's client libraries with configurable
 * endpoints. Every Data API request passes the {@link QuotaGovernor} first and is charged its unit
 * cost (each page, each retry, each repeat after a token refresh); failures come out as {@link
 * YoutubeApiException}s; transient ones are retried with exponential backoff. Calls are blocking
 * inside the Google client, so they run on the given bounded executor and never on the caller's
 * thread. The individual calls are in {@link YoutubeDataClient}.
 */
final class GoogleApiCalls {

  private static final Logger log = LoggerFactory.getLogger(GoogleApiCalls.class);

  /** One Data API request, executed with a ready client. */
  @FunctionalInterface
  interface GoogleCall<T> {
    T execute(YouTube youtube, String apiKey) throws Exception;
  }

  private final YoutubeApiSettings settings;
  private final QuotaGovernor governor;
  private final Executor blocking;
  private final HttpTransport transport = new NetHttpTransport();
  private final JsonFactory json = GsonFactory.getDefaultInstance();
  private final RefreshedTokens refreshed = new RefreshedTokens(10_000);

  GoogleApiCalls(YoutubeApiSettings settings, QuotaGovernor governor, Executor blocking) {
    this.settings = settings;
    this.governor = governor;
    this.blocking = blocking;
  }

  /**
   * Exchanges a sign-up authorization code for the owner's tokens and reads the Google user id and
   * email from token info. Requires offline access (a refresh token) and the profile and email
   * scopes. OAuth calls cost no Data API quota.
   */
  CompletionStage<SignUpAuthorization> exchangeCode(String code, String redirectUri) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return exchange(code, redirectUri);
          } catch (YoutubeApiException e) {
            throw new CompletionException(e);
          }
        },
        blocking);
  }

  private SignUpAuthorization exchange(String code, String redirectUri) throws YoutubeApiException {
    TokenResponse response;
    try {
      response =
          new AuthorizationCodeTokenRequest(
                  transport, json, new GenericUrl(settings.endpoints().tokenUrl()), code)
              .setRedirectUri(redirectUri)
              .setClientAuthentication(
                  new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
              .execute();
    } catch (TokenResponseException e) {
      String error =
          e.getDetails() == null
              ? "HTTP " + e.getStatusCode()
              : e.getDetails().getError() + ": " + e.getDetails().getErrorDescription();
      throw new YoutubeApiException.AuthorizationRejected(
          "CODE_EXCHANGE_FAILED",
          "Could not get the user's access token using the authorization code (" + error + ").");
    } catch (IOException e) {
      throw ErrorTranslation.translate(e, null);
    }
    if (response.getRefreshToken() == null || response.getAccessToken() == null) {
      throw new YoutubeApiException.AuthorizationRejected(
          "OFFLINE_ACCESS_REQUIRED",
          "The authorization code must be requested with access_type=offline so that a refresh token is issued.");
    }
    GenericJson info;
    try {
      info =
          transport
              .createRequestFactory()
              .buildGetRequest(
                  new GenericUrl(settings.endpoints().tokenInfoUrl())
                      .set("access_token", response.getAccessToken()))
              .setParser(json.createJsonObjectParser())
              .execute()
              .parseAs(GenericJson.class);
    } catch (IOException e) {
      throw ErrorTranslation.translate(e, null);
    } catch (IllegalArgumentException e) {
      throw new YoutubeApiException.MalformedResponse("token info is not JSON", e);
    }
    Object sub = info.get("sub");
    Object email = info.get("email");
    if (sub == null) {
      throw new YoutubeApiException.AuthorizationRejected(
          "PROFILE_SCOPE_REQUIRED",
          "The authorization must include the 'userinfo.profile' scope (no user id in token info).");
    }
    if (email == null) {
      throw new YoutubeApiException.AuthorizationRejected(
          "EMAIL_SCOPE_REQUIRED",
          "The authorization must include the 'userinfo.email' scope (no email in token info).");
    }
    return new SignUpAuthorization(
        sub.toString(),
        email.toString(),
        new OwnerTokens(response.getAccessToken(), response.getRefreshToken()));
  }

  /**
   * Runs one Data API request under the quota governor, as the owner when {@code owner} is given,
   * else with the API key; retries transient failures; a sync call that meets YouTube's own {@code
   * quotaExceeded} waits for the next day and tries again.
   */
  <T> CompletionStage<T> call(
      QuotaPurpose purpose, QuotaCost cost, OwnerTokens owner, String what, GoogleCall<T> body) {
    return attempt(purpose, cost, owner, what, body, 1, settings.initialBackoff());
  }

  private <T> CompletionStage<T> attempt(
      QuotaPurpose purpose,
      QuotaCost cost,
      OwnerTokens owner,
      String what,
      GoogleCall<T> body,
      int attempt,
      Duration backoff) {
    return governor
        .admit(purpose, cost.units())
        .thenCompose(
            day ->
                CompletableFuture.supplyAsync(
                        () -> runOnce(day, purpose, cost, owner, body), blocking)
                    .handle(
                        (value, failure) ->
                            afterAttempt(
                                value, failure, purpose, cost, owner, what, body, attempt, backoff))
                    .thenCompose(next -> next));
  }

  private <T> CompletionStage<T> afterAttempt(
      T value,
      Throwable failure,
      QuotaPurpose purpose,
      QuotaCost cost,
      OwnerTokens owner,
      String what,
      GoogleCall<T> body,
      int attempt,
      Duration backoff) {
    if (failure == null) {
      return CompletableFuture.completedFuture(value);
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    YoutubeApiException error = ErrorTranslation.translate(cause, null);
    if (error instanceof YoutubeApiException.QuotaExceeded) {
      governor.exhaustedByYoutube();
      if (purpose.waitsForNextDay()) {
        log.info("{}: YouTube quota exhausted, waiting for the next Pacific-time day", what);
        return attempt(purpose, cost, owner, what, body, attempt, backoff);
      }
      return CompletableFuture.failedFuture(error);
    }
    if (error.retryable() && attempt < settings.maxAttempts()) {
      log.info(
          "{} failed ({}), attempt {} of {}, retrying in {} ms",
          what,
          error.getMessage(),
          attempt,
          settings.maxAttempts(),
          backoff.toMillis());
      Duration doubled = backoff.multipliedBy(2);
      Duration next =
          doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
      Executor later =
          CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS, blocking);
      return CompletableFuture.runAsync(() -> {}, later)
          .thenCompose(x -> attempt(purpose, cost, owner, what, body, attempt + 1, next));
    }
    if (error instanceof YoutubeApiException.MalformedResponse) {
      log.warn("{} failed: {} {}", what, error.code(), error.getMessage());
    } else {
      log.info("{} failed: {} {}", what, error.code(), error.getMessage());
    }
    return CompletableFuture.failedFuture(error);
  }

  private <T> T runOnce(
      LocalDate day, QuotaPurpose purpose, QuotaCost cost, OwnerTokens owner, GoogleCall<T> body) {
    AtomicInteger executions = new AtomicInteger();
    AtomicReference<String> refreshError = new AtomicReference<>();
    Credential credential = owner == null ? null : credential(owner, refreshError);
    int timeoutMillis = (int) settings.timeout().toMillis();
    HttpRequestInitializer initializer =
        request -> {
          if (credential != null) {
            credential.initialize(request);
          }
          request.setConnectTimeout(timeoutMillis);
          request.setReadTimeout(timeoutMillis);
          HttpExecuteInterceptor inner = request.getInterceptor();
          request.setInterceptor(
              r -> {
                executions.incrementAndGet();
                if (inner != null) {
                  inner.intercept(r);
                }
              });
        };
    YouTube youtube =
        new YouTube.Builder(transport, json, initializer)
            .setRootUrl(settings.endpoints().dataApiRootUrl())
            .setApplicationName("joysync")
            .build();
    try {
      return body.execute(youtube, owner == null ? settings.apiKey() : null);
    } catch (Exception e) {
      throw new CompletionException(ErrorTranslation.translate(e, refreshError.get()));
    } finally {
      int extra = executions.get() - 1;
      if (extra > 0) {
        governor.record(day, purpose, (long) extra * cost.units());
      }
    }
  }

  private Credential credential(OwnerTokens owner, AtomicReference<String> refreshError) {
    Credential credential =
        new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
            .setTransport(transport)
            .setJsonFactory(json)
            .setTokenServerUrl(new GenericUrl(settings.endpoints().tokenUrl()))
            .setClientAuthentication(
                new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
            .addRefreshListener(
                new CredentialRefreshListener() {
                  @Override
                  public void onTokenResponse(Credential c, TokenResponse tokenResponse) {
                    refreshed.remember(owner.refreshToken(), tokenResponse);
                  }

                  @Override
                  public void onTokenErrorResponse(Credential c, TokenErrorResponse error) {
                    if (error != null) {
                      refreshError.set(error.getError());
                    }
                  }
                })
            .build();
    credential.setAccessToken(refreshed.latest(owner.refreshToken()).orElse(owner.accessToken()));
    credential.setRefreshToken(owner.refreshToken());
    return credential;
  }
}
