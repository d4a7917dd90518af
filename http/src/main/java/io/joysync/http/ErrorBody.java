package io.joysync.http;

import java.util.List;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * The error body of the Atlas-facing API, in youtube-synch's (NestJS) shape: {@code statusCode},
 * {@code message} (one sentence, or a list of sentences for body validation) and {@code error} (the
 * reason phrase), plus {@code code}, a stable identifier for programs.
 */
public record ErrorBody(int statusCode, Object message, String error, String code) {

  public static ErrorBody of(StatusCode status, String code, List<String> messages) {
    Object message = messages.size() == 1 ? messages.get(0) : List.copyOf(messages);
    return new ErrorBody(status.intValue(), message, status.reason(), code);
  }

  public static ErrorBody of(ApiException e) {
    return of(e.status(), e.code(), e.messages());
  }
}
