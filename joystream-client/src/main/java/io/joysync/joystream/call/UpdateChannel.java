package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code content.update_channel(actor, channel_id, params)} (26/6). A present collaborator map
 * replaces the channel's whole map; the bucket witness is required when assets change.
 */
public record UpdateChannel(
    ContentActor actor,
    long channelId,
    Optional<StorageAssets> assetsToUpload,
    Optional<byte[]> newMeta,
    Set<Long> assetsToRemove,
    Optional<Map<Long, Set<ChannelActionPermission>>> collaborators,
    BigInteger expectedDataObjectStateBloatBond,
    Optional<Long> storageBucketsNumWitness)
    implements RuntimeCall {

  public UpdateChannel {
    newMeta = Args.copy(newMeta);
    assetsToRemove = Set.copyOf(assetsToRemove);
    collaborators = collaborators.map(Args::collaborators);
  }

  @Override
  public Optional<byte[]> newMeta() {
    return Args.copy(newMeta);
  }

  @Override
  public int palletIndex() {
    return Pallets.CONTENT;
  }

  @Override
  public int callIndex() {
    return Pallets.CONTENT_UPDATE_CHANNEL;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    actor.encode(w);
    w.writeU64(channelId);
    w.writeOption(assetsToUpload, (x, a) -> a.encode(x));
    Args.optionalBytes(w, newMeta);
    Args.u64Set(w, assetsToRemove);
    w.writeOption(collaborators, ChannelActionPermission::encodeCollaborators);
    w.writeU128(expectedDataObjectStateBloatBond);
    w.writeOption(storageBucketsNumWitness, ScaleWriter::writeU32);
  }

  static UpdateChannel decodeArgs(ScaleReader r) {
    return new UpdateChannel(
        ContentActor.decode(r),
        r.readU64(),
        r.readOption(StorageAssets::decode),
        Args.optionalBytes(r),
        Args.u64Set(r),
        r.readOption(ChannelActionPermission::decodeCollaborators),
        r.readU128(),
        r.readOption(ScaleReader::readU32));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UpdateChannel o
        && actor.equals(o.actor)
        && channelId == o.channelId
        && assetsToUpload.equals(o.assetsToUpload)
        && Args.same(newMeta, o.newMeta)
        && assetsToRemove.equals(o.assetsToRemove)
        && collaborators.equals(o.collaborators)
        && expectedDataObjectStateBloatBond.equals(o.expectedDataObjectStateBloatBond)
        && storageBucketsNumWitness.equals(o.storageBucketsNumWitness);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        actor,
        channelId,
        assetsToUpload,
        Args.hash(newMeta),
        assetsToRemove,
        collaborators,
        expectedDataObjectStateBloatBond,
        storageBucketsNumWitness);
  }

  @Override
  public String toString() {
    return "UpdateChannel["
        + "actor="
        + actor
        + ", "
        + "channelId="
        + channelId
        + ", "
        + "assetsToUpload="
        + assetsToUpload
        + ", "
        + "newMeta="
        + Args.text(newMeta)
        + ", "
        + "assetsToRemove="
        + assetsToRemove
        + ", "
        + "collaborators="
        + collaborators
        + ", "
        + "expectedDataObjectStateBloatBond="
        + expectedDataObjectStateBloatBond
        + ", "
        + "storageBucketsNumWitness="
        + storageBucketsNumWitness
        + "]";
  }
}
