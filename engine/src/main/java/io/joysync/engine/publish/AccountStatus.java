package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import java.util.Optional;

/**
 * What an operator sees of one signer account.
 *
 * @param freeBalance the controller account's free balance in HAPI (10^-10 JOY), as last read
 * @param nextNonce the nonce the account signs next, -1 until it has read it from the chain
 * @param extrinsicsInFlight extrinsics signed and not yet settled at finality
 * @param extrinsicsHeld of those, the ones signed ahead and held back, not sent, until the earlier
 *     ones they count on succeeded in a block (after a restart: until then, or their era ends)
 * @param videosCreatedLastHour videos settled as created in the last hour (since the entity
 *     started)
 * @param state {@code RECONCILING}, {@code ACTIVE}, {@code PAUSED_LOW_FUNDS}, {@code FENCED} or
 *     {@code RETRYING}
 */
public record AccountStatus(
    long memberId,
    String address,
    String freeBalance,
    long nextNonce,
    int extrinsicsInFlight,
    int extrinsicsHeld,
    int videosCreatedLastHour,
    String state,
    Optional<String> lastError)
    implements CborSerializable {

  /** Whether the account takes new work. */
  public boolean takesWork() {
    return state.equals("ACTIVE") || state.equals("RECONCILING") || state.equals("RETRYING");
  }
}
