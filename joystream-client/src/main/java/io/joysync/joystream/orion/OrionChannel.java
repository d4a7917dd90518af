package io.joysync.joystream.orion;

import java.util.Optional;

/**
 * A channel as Orion indexes it.
 *
 * @param totalVideosCreated how many videos were ever created in the channel; the next app-action
 *     nonce for the channel
 * @param language ISO 639-1 code, when set
 * @param owner the owning member, empty for curator-owned channels
 */
public record OrionChannel(
    long id, long totalVideosCreated, Optional<String> language, Optional<OwnerMember> owner) {

  /** The member owning a channel, with the account that may act for it. */
  public record OwnerMember(long memberId, String controllerAccount) {}
}
