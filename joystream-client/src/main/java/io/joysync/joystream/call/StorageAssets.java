package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.List;

/**
 * Assets uploaded with a video or channel. {@code expectedDataSizeFee} is the chain's per-megabyte
 * fee ({@code Storage.DataObjectPerMegabyteFee}), not a total: the runtime requires equality. The
 * list order fixes the data-object ids (consecutive, in this order).
 */
public record StorageAssets(List<DataObjectCreation> objects, BigInteger expectedDataSizeFee) {
  public StorageAssets {
    objects = List.copyOf(objects);
  }

  public void encode(ScaleWriter w) {
    w.writeVec(objects, (x, o) -> o.encode(x)).writeU128(expectedDataSizeFee);
  }

  public static StorageAssets decode(ScaleReader r) {
    return new StorageAssets(r.readVec(DataObjectCreation::decode), r.readU128());
  }
}
