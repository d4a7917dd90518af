package io.joysync.http;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A request the API refuses, with everything the error body needs: the HTTP status, a stable
 * machine-readable code and one or more sentences a person can act on. Thrown inside routes and
 * turned into a response in one place ({@link ErrorHandling}); it never carries a stack trace out.
 */
public final class ApiException extends RuntimeException {

  private final transient StatusCode status;
  private final String code;
  private final List<String> messages;
  private final transient Object result;

  public ApiException(StatusCode status, String code, List<String> messages) {
    this(status, code, messages, null);
  }

  private ApiException(StatusCode status, String code, List<String> messages, Object result) {
    super(String.join("; ", messages), null, false, false);
    this.status = status;
    this.code = code;
    this.messages = List.copyOf(messages);
    this.result = result;
  }

  /** The same refusal, with youtube-synch's {@code result} field (a value Atlas shows). */
  public ApiException withResult(Object value) {
    return new ApiException(status, code, messages, value);
  }

  public ApiException(StatusCode status, String code, String message) {
    this(status, code, List.of(message));
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(StatusCodes.BAD_REQUEST, code, message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(StatusCodes.NOT_FOUND, code, message);
  }

  public StatusCode status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> messages() {
    return messages;
  }

  public Optional<Object> result() {
    return Optional.ofNullable(result);
  }
}
