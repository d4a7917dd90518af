package io.joysync.joystream.orion;

import java.util.Optional;

/** A Joystream membership as Orion indexes it. */
public record OrionMember(
    long id,
    String handle,
    String controllerAccount,
    Optional<String> name,
    Optional<String> about) {}
