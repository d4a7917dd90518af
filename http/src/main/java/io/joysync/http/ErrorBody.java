package io.joysync.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * The error body of the Atlas-facing API, in youtube-synch's (NestJS) shape: {@code statusCode},
 * {@code message} (one sentence, or a list of sentences for body validation) and {@code error} (the
 * reason phrase), plus {@code code}, a stable identifier for programs, and where youtube-synch's
 * error object had one, its {@code result} (for example the Joystream channel an already registered
 * YouTube channel is linked to, which Atlas shows).
 */
public record ErrorBody(
    int statusCode,
    Object message,
    String error,
    String code,
    @JsonInclude(JsonInclude.Include.NON_NULL) Object result) {

  public static ErrorBody of(StatusCode status, String code, List<String> messages) {
    Object message = messages.size() == 1 ? messages.get(0) : List.copyOf(messages);
    return new ErrorBody(status.intValue(), message, status.reason(), code, null);
  }

  public static ErrorBody of(ApiException e) {
    ErrorBody body = of(e.status(), e.code(), e.messages());
    return e.result()
        .map(r -> new ErrorBody(body.statusCode, body.message, body.error, body.code, r))
        .orElse(body);
  }
}
