package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code content.create_channel(channel_owner, params)} (26/5). The bucket sets must match the
 * chain's dynamic-bag creation policy for channels; sets and the collaborator map are written in
 * the runtime's sorted order whatever order they are given in.
 */
public record CreateChannel(
    ChannelOwner owner,
    Optional<StorageAssets> assets,
    Optional<byte[]> meta,
    Map<Long, Set<ChannelActionPermission>> collaborators,
    Set<Long> storageBuckets,
    Set<DistributionBucketId> distributionBuckets,
    BigInteger expectedChannelStateBloatBond,
    BigInteger expectedDataObjectStateBloatBond)
    implements RuntimeCall {

  public CreateChannel {
    meta = Args.copy(meta);
    collaborators = Args.collaborators(collaborators);
    storageBuckets = Set.copyOf(storageBuckets);
    distributionBuckets = Set.copyOf(distributionBuckets);
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
    return Pallets.CONTENT_CREATE_CHANNEL;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    owner.encode(w);
    w.writeOption(assets, (x, a) -> a.encode(x));
    Args.optionalBytes(w, meta);
    ChannelActionPermission.encodeCollaborators(w, collaborators);
    Args.u64Set(w, storageBuckets);
    w.writeBTreeSet(distributionBuckets, DistributionBucketId.ORDER, (x, d) -> d.encode(x));
    w.writeU128(expectedChannelStateBloatBond).writeU128(expectedDataObjectStateBloatBond);
  }

  static CreateChannel decodeArgs(ScaleReader r) {
    return new CreateChannel(
        ChannelOwner.decode(r),
        r.readOption(StorageAssets::decode),
        Args.optionalBytes(r),
        ChannelActionPermission.decodeCollaborators(r),
        Args.u64Set(r),
        new TreeSet<>(r.readVec(DistributionBucketId::decode)),
        r.readU128(),
        r.readU128());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreateChannel o
        && owner.equals(o.owner)
        && assets.equals(o.assets)
        && Args.same(meta, o.meta)
        && collaborators.equals(o.collaborators)
        && storageBuckets.equals(o.storageBuckets)
        && distributionBuckets.equals(o.distributionBuckets)
        && expectedChannelStateBloatBond.equals(o.expectedChannelStateBloatBond)
        && expectedDataObjectStateBloatBond.equals(o.expectedDataObjectStateBloatBond);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        owner,
        assets,
        Args.hash(meta),
        collaborators,
        storageBuckets,
        distributionBuckets,
        expectedChannelStateBloatBond,
        expectedDataObjectStateBloatBond);
  }

  @Override
  public String toString() {
    return "CreateChannel["
        + "owner="
        + owner
        + ", "
        + "assets="
        + assets
        + ", "
        + "meta="
        + Args.text(meta)
        + ", "
        + "collaborators="
        + collaborators
        + ", "
        + "storageBuckets="
        + storageBuckets
        + ", "
        + "distributionBuckets="
        + distributionBuckets
        + ", "
        + "expectedChannelStateBloatBond="
        + expectedChannelStateBloatBond
        + ", "
        + "expectedDataObjectStateBloatBond="
        + expectedDataObjectStateBloatBond
        + "]";
  }
}
