package io.joysync.http;

import java.util.List;
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

  public ApiException(StatusCode status, String code, List<String> messages) {
    super(String.join("; ", messages), null, false, false);
    this.status = status;
    this.code = code;
    this.messages = List.copyOf(messages);
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
}
