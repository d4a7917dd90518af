package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleWriter;

/**
 * A call of Joystream's runtime (spec 2004): pallet index, call index and SCALE arguments, exactly
 * as the outer {@code RuntimeCall} enum encodes it. The typed records cover the calls joysync
 * sends; {@link EncodedCall} carries any other call as opaque bytes.
 */
public sealed interface RuntimeCall
    permits CreateVideo,
        UpdateVideo,
        CreateChannel,
        UpdateChannel,
        DeleteVideo,
        Batch,
        BalancesTransfer,
        BuyMembership,
        EncodedCall {

  int palletIndex();

  int callIndex();

  /** Writes the arguments (without the two index bytes). */
  void encodeArgs(ScaleWriter w);

  /** Writes the whole call: pallet index, call index, arguments. */
  default void encodeTo(ScaleWriter w) {
    w.writeU8(palletIndex()).writeU8(callIndex());
    encodeArgs(w);
  }

  default byte[] encode() {
    ScaleWriter w = new ScaleWriter(128);
    encodeTo(w);
    return w.toByteArray();
  }
}
