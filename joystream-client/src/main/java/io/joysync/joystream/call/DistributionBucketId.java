package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Comparator;

/** A distribution bucket: family id and index (both u64), ordered field by field. */
public record DistributionBucketId(long familyId, long bucketIndex)
    implements Comparable<DistributionBucketId> {
  static final Comparator<DistributionBucketId> ORDER =
      Comparator.comparing(DistributionBucketId::familyId, Long::compareUnsigned)
          .thenComparing(DistributionBucketId::bucketIndex, Long::compareUnsigned);

  @Override
  public int compareTo(DistributionBucketId o) {
    return ORDER.compare(this, o);
  }

  public void encode(ScaleWriter w) {
    w.writeU64(familyId).writeU64(bucketIndex);
  }

  public static DistributionBucketId decode(ScaleReader r) {
    return new DistributionBucketId(r.readU64(), r.readU64());
  }
}
