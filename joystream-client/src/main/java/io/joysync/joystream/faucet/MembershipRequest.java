package io.joysync.joystream.faucet;

import java.util.Objects;
import java.util.Optional;

/**
 * What the faucet is asked to register: the new member's account (SS58 address; it becomes both
 * root and controller), a handle and the profile fields of the membership metadata.
 */
public record MembershipRequest(
    String account, String handle, Optional<String> avatar, String about, String name) {
  public MembershipRequest {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(handle, "handle");
    avatar = avatar == null ? Optional.empty() : avatar;
  }
}
