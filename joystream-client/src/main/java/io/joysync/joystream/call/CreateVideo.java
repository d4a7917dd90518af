package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Optional;

/**
 * {@code content.create_video(actor, channel_id, params)} (26/12). The bloat bonds, the per-MB fee
 * inside the assets and the bucket witness must equal the chain's current values. Videos are
 * created without an NFT ({@code auto_issue_nft = None}); decoding a call that issues one fails
 * rather than dropping it.
 */
public record CreateVideo(
    ContentActor actor,
    long channelId,
    Optional<StorageAssets> assets,
    Optional<byte[]> meta,
    BigInteger expectedVideoStateBloatBond,
    BigInteger expectedDataObjectStateBloatBond,
    long storageBucketsNumWitness)
    implements RuntimeCall {

  public CreateVideo {
    meta = Args.copy(meta);
  }

  @Override
  public Optional<byte[]> meta() {
    return Args.copy(meta);
  }

  @Override
  public int palletIndex() {
    return Pallets.CONTENT;
  }

  @Override
  public int callIndex() {
    return Pallets.CONTENT_CREATE_VIDEO;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    actor.encode(w);
    w.writeU64(channelId);
    w.writeOption(assets, (x, a) -> a.encode(x));
    Args.optionalBytes(w, meta);
    w.writeU8(0);
    w.writeU128(expectedVideoStateBloatBond);
    w.writeU128(expectedDataObjectStateBloatBond);
    w.writeU32(storageBucketsNumWitness);
  }

  static CreateVideo decodeArgs(ScaleReader r) {
    ContentActor actor = ContentActor.decode(r);
    long channelId = r.readU64();
    Optional<StorageAssets> assets = r.readOption(StorageAssets::decode);
    Optional<byte[]> meta = Args.optionalBytes(r);
    int at = r.position();
    if (r.readU8() != 0) {
      throw new ScaleException(
          "create_video at offset "
              + at
              + " issues an NFT (auto_issue_nft), which is not supported");
    }
    return new CreateVideo(actor, channelId, assets, meta, r.readU128(), r.readU128(), r.readU32());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreateVideo o
        && actor.equals(o.actor)
        && channelId == o.channelId
        && assets.equals(o.assets)
        && Args.same(meta, o.meta)
        && expectedVideoStateBloatBond.equals(o.expectedVideoStateBloatBond)
        && expectedDataObjectStateBloatBond.equals(o.expectedDataObjectStateBloatBond)
        && storageBucketsNumWitness == o.storageBucketsNumWitness;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        actor,
        channelId,
        assets,
        Args.hash(meta),
        expectedVideoStateBloatBond,
        expectedDataObjectStateBloatBond,
        storageBucketsNumWitness);
  }

  @Override
  public String toString() {
    return "CreateVideo["
        + "actor="
        + actor
        + ", "
        + "channelId="
        + channelId
        + ", "
        + "assets="
        + assets
        + ", "
        + "meta="
        + Args.text(meta)
        + ", "
        + "expectedVideoStateBloatBond="
        + expectedVideoStateBloatBond
        + ", "
        + "expectedDataObjectStateBloatBond="
        + expectedDataObjectStateBloatBond
        + ", "
        + "storageBucketsNumWitness="
        + storageBucketsNumWitness
        + "]";
  }
}
