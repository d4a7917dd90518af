package io.joysync.joystream.faucet;

import java.util.Objects;
import java.util.Optional;

/**
 * What the faucet is asked to register: the new member's account (SS58 address; it becomes both
 * root and controller), a handle and the optional profile fields of the membership metadata (left
 * out of the request when absent, as youtube-synch does).
 */
public record MembershipRequest(
    String account,
    String handle,
    Optional<String> avatar,
    Optional<String> about,
    Optional<String> name) {
  public MembershipRequest {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(handle, "handle");
    avatar = avatar == null ? Optional.empty() : avatar;
    about = about == null ? Optional.empty() : about;
    name = name == null ? Optional.empty() : name;
  }
}
