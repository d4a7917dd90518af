package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;

/**
 * Decodes call bytes into the typed records this library knows (create_video, create_channel,
 * update_channel, delete_video, batches of them, transfer, buy_membership). A top-level call it
 * does not know comes back as an {@link EncodedCall}; inside a batch an unknown call cannot be
 * delimited without the metadata and fails with a {@link ScaleException}.
 */
public final class CallDecoder {
  private static final int MAX_DEPTH = 8;

  private CallDecoder() {}

  /** Decodes a whole call; every byte must be consumed. */
  public static RuntimeCall decode(byte[] callBytes) {
    ScaleReader r = new ScaleReader(callBytes);
    if (callBytes.length >= 2 && !isKnown(callBytes[0] & 0xff, callBytes[1] & 0xff)) {
      return new EncodedCall(callBytes);
    }
    RuntimeCall call = decode(r, 0);
    r.expectEnd();
    return call;
  }

  static boolean isKnown(int pallet, int call) {
    return switch (pallet) {
      case Pallets.UTILITY ->
          call == Pallets.UTILITY_BATCH
              || call == Pallets.UTILITY_BATCH_ALL
              || call == Pallets.UTILITY_FORCE_BATCH;
      case Pallets.BALANCES -> call == Pallets.BALANCES_TRANSFER;
      case Pallets.MEMBERS -> call == Pallets.MEMBERS_BUY_MEMBERSHIP;
      case Pallets.CONTENT ->
          call == Pallets.CONTENT_CREATE_VIDEO
              || call == Pallets.CONTENT_CREATE_CHANNEL
              || call == Pallets.CONTENT_UPDATE_CHANNEL
              || call == Pallets.CONTENT_UPDATE_VIDEO
              || call == Pallets.CONTENT_DELETE_VIDEO;
      default -> false;
    };
  }

  /** Decodes one call from the reader's position (used for batch items). */
  public static RuntimeCall decode(ScaleReader r, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ScaleException(
          "calls nested deeper than " + MAX_DEPTH + " at offset " + r.position());
    }
    int at = r.position();
    int pallet = r.readU8();
    int call = r.readU8();
    if (!isKnown(pallet, call)) {
      throw new ScaleException(
          "unknown call "
              + pallet
              + "/"
              + call
              + " at offset "
              + at
              + " (cannot size it without metadata)");
    }
    return switch (pallet) {
      case Pallets.UTILITY -> Batch.decodeArgs(Batch.Mode.of(call), r, depth);
      case Pallets.BALANCES -> BalancesTransfer.decodeArgs(r);
      case Pallets.MEMBERS -> BuyMembership.decodeArgs(r);
      default ->
          switch (call) {
            case Pallets.CONTENT_CREATE_VIDEO -> CreateVideo.decodeArgs(r);
            case Pallets.CONTENT_UPDATE_VIDEO -> UpdateVideo.decodeArgs(r);
            case Pallets.CONTENT_CREATE_CHANNEL -> CreateChannel.decodeArgs(r);
            case Pallets.CONTENT_UPDATE_CHANNEL -> UpdateChannel.decodeArgs(r);
            default -> DeleteVideo.decodeArgs(r);
          };
    };
  }
}
