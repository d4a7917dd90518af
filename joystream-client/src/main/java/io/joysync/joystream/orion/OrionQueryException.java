package io.joysync.joystream.orion;

import java.util.List;

/**
 * Orion answered with GraphQL {@code errors}: the query, its variables or the server's resolvers
 * refused it. Retrying the same query does not help.
 */
public final class OrionQueryException extends OrionException {
  private static final long serialVersionUID = 1L;
  private final List<String> errors;

  public OrionQueryException(String operation, List<String> errors) {
    super("Orion refused " + operation + ": " + String.join("; ", errors), null);
    this.errors = List.copyOf(errors);
  }

  /** The {@code message} of every GraphQL error, in order. */
  public List<String> errors() {
    return errors;
  }

  @Override
  public String code() {
    return "ORION_GRAPHQL_ERROR";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
