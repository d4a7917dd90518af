package io.joysync.joystream.events;

import io.joysync.joystream.metadata.ScaleValue;
import java.math.BigInteger;

/** The weight, class and fee flag of a dispatched extrinsic, from its success/failure event. */
public record DispatchInfo(
    BigInteger refTime, BigInteger proofSize, String dispatchClass, boolean paysFee) {

  static DispatchInfo of(ScaleValue v) {
    ScaleValue weight = v.field("weight");
    return new DispatchInfo(
        weight.field("ref_time").asBigInteger(),
        weight.field("proof_size").asBigInteger(),
        v.field("class").variantName(),
        v.field("pays_fee").variantName().equals("Yes"));
  }
}
