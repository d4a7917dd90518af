package io.joysync.joystream.storage;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.metadata.ScaleValue;

/**
 * {@code Membership.MembershipById} of one member: the controller account is the one that must sign
 * content calls acting as this member.
 */
public record MembershipInfo(
    long memberId,
    AccountId rootAccount,
    AccountId controllerAccount,
    boolean verified,
    long invites) {

  static MembershipInfo of(long memberId, ScaleValue v) {
    return new MembershipInfo(
        memberId,
        new AccountId(v.field("root_account").asBytes()),
        new AccountId(v.field("controller_account").asBytes()),
        v.field("verified").asBoolean(),
        v.field("invites").asLong());
  }
}
