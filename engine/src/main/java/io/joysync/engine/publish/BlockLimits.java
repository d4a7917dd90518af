package io.joysync.engine.publish;

import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.PalletMetadata;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.metadata.ValueDecoder;

/**
 * The Normal dispatch class's share of a block, as the runtime declares it in its metadata
 * constants {@code System.BlockWeights}, {@code System.BlockLength} and {@code System.DbWeight}
 * (ref_time only: Joystream is a solo chain and does not limit proof size).
 *
 * @param baseBlock weight every block spends before any extrinsic (counted against the limit)
 * @param baseExtrinsic weight every extrinsic adds to its call's
 * @param normalMaxTotal Normal extrinsics of one block together
 * @param normalMaxExtrinsic one Normal extrinsic, base included
 * @param normalMaxLength bytes of Normal extrinsics in one block
 */
public record BlockLimits(
    long baseBlock,
    long baseExtrinsic,
    long normalMaxTotal,
    long normalMaxExtrinsic,
    long normalMaxLength,
    long dbRead,
    long dbWrite) {

  /** Runtime spec 2004's values (joystream-protocol.md section 4). */
  public static final BlockLimits SPEC_2004 =
      new BlockLimits(
          441_686_000L,
          110_530_000L,
          1_500_000_000_000L,
          1_299_889_470_000L,
          3_932_160L,
          4_968_000L,
          64_373_000L);

  /** Reads the limits from the runtime's metadata. */
  public static BlockLimits of(RuntimeMetadata metadata) {
    ValueDecoder decoder = new ValueDecoder(metadata.types());
    PalletMetadata system = metadata.pallet("System");
    ScaleValue weights = constant(decoder, system, "BlockWeights");
    ScaleValue normal = weights.field("per_class").field("normal");
    ScaleValue db = constant(decoder, system, "DbWeight");
    return new BlockLimits(
        refTime(weights.field("base_block")),
        refTime(normal.field("base_extrinsic")),
        refTime(required(normal.field("max_total").optional(), "max_total")),
        refTime(required(normal.field("max_extrinsic").optional(), "max_extrinsic")),
        constant(decoder, system, "BlockLength").field("max").field("normal").asLong(),
        db.field("read").asLong(),
        db.field("write").asLong());
  }

  /** What Normal extrinsics of one block may weigh together, after the block's own base. */
  public long normalWeightForExtrinsics() {
    return normalMaxTotal - baseBlock;
  }

  private static ScaleValue constant(ValueDecoder decoder, PalletMetadata pallet, String name) {
    PalletMetadata.Constant c =
        pallet
            .constant(name)
            .orElseThrow(
                () -> new MetadataException("metadata.constant", "System." + name + " is absent"));
    return decoder.decode(c.type(), c.value());
  }

  private static ScaleValue required(ScaleValue value, String what) {
    if (value == null) {
      throw new MetadataException("metadata.constant", "Normal class has no " + what);
    }
    return value;
  }

  private static long refTime(ScaleValue weight) {
    return weight.field("ref_time").asLong();
  }
}
