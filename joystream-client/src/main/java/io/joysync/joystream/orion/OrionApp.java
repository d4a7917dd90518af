package io.joysync.joystream.orion;

import io.joysync.joystream.scale.Hex;
import java.util.Optional;

/**
 * An app registered in Orion. Videos signed with the key whose public half is {@link #authKey()}
 * and carrying {@link #id()} in their app action are attributed to it.
 *
 * @param authKey hex of the app's Ed25519 public key, when registered
 */
public record OrionApp(
    String id,
    String name,
    Optional<Long> ownerMemberId,
    Optional<String> authKey,
    Optional<String> websiteUrl) {

  /** The auth key's 32 bytes; empty when absent or not valid hex of that length. */
  public Optional<byte[]> authKeyBytes() {
    return authKey.flatMap(
        hex -> {
          try {
            byte[] key = Hex.decode(hex);
            return key.length == 32 ? Optional.of(key) : Optional.empty();
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        });
  }
}
