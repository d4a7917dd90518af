package io.joysync.app;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.cluster.Cluster;

/**
 * A cluster member's address as an operator writes it: {@code pekko://joysync@10.0.0.5:25520},
 * {@code joysync@10.0.0.5:25520} or {@code 10.0.0.5:25520} (this cluster's system name).
 */
final class MemberAddress {

  static final String EXPECTED_FORM =
      "pekko://<system>@<host>:<port>, <system>@<host>:<port> or <host>:<port>";

  private MemberAddress() {}

  /** The address, or empty when {@code text} is not a remote address with host and port. */
  static Optional<Address> parse(String text, Cluster cluster) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
      return Optional.empty();
    }
    String uri =
        trimmed.contains("://")
            ? trimmed
            : trimmed.contains("@")
                ? "pekko://" + trimmed
                : "pekko://" + cluster.selfAddress().system() + "@" + trimmed;
    try {
      Address address = AddressFromURIString.parse(uri);
      return address.hasGlobalScope() && address.port().isDefined()
          ? Optional.of(address)
          : Optional.empty();
    } catch (Exception malformed) {
      // Pekko's parser throws MalformedURLException (undeclared) or IllegalArgumentException.
      return Optional.empty();
    }
  }

  /** A path's rest as the operator wrote it: percent-escapes decoded, a plus kept a plus. */
  static String decode(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return rawPath;
    }
  }
}
