package io.joysync.devnet.orion;

/** A GraphQL error, reported as {@code {"errors":[{"message": ...}]}}. */
public final class GraphQlException extends RuntimeException {
  public GraphQlException(String message) {
    super(message, null, false, false);
  }
}
