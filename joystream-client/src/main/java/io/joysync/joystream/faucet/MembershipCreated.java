package io.joysync.joystream.faucet;

/** The faucet bought the membership: the new member's id on chain. */
public record MembershipCreated(long memberId) {}
