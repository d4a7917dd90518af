package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code content.update_video(actor, video_id, params)} (26/13): new metadata (a title or
 * description edited on YouTube) and, optionally, assets to upload or remove. The data-object bloat
 * bond must equal the chain's, and the bucket witness is needed when assets change. NFTs are never
 * issued ({@code auto_issue_nft = None}); decoding a call that issues one fails rather than
 * dropping it.
 */
public record UpdateVideo(
    ContentActor actor,
    long videoId,
    Optional<StorageAssets> assetsToUpload,
    Optional<byte[]> newMeta,
    Set<Long> assetsToRemove,
    BigInteger expectedDataObjectStateBloatBond,
    Optional<Long> storageBucketsNumWitness)
    implements RuntimeCall {

  public UpdateVideo {
    Objects.requireNonNull(actor, "actor");
    newMeta = Args.copy(newMeta);
    assetsToRemove = Set.copyOf(assetsToRemove);
  }

  /** A metadata-only update: no assets change, so no witness is needed. */
  public static UpdateVideo metadata(
      ContentActor actor, long videoId, byte[] newMeta, BigInteger dataObjectStateBloatBond) {
    return new UpdateVideo(
        actor,
        videoId,
        Optional.empty(),
        Optional.of(newMeta),
        Set.of(),
        dataObjectStateBloatBond,
        Optional.empty());
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
    return Pallets.CONTENT_UPDATE_VIDEO;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    actor.encode(w);
    w.writeU64(videoId);
    w.writeOption(assetsToUpload, (x, a) -> a.encode(x));
    Args.optionalBytes(w, newMeta);
    Args.u64Set(w, assetsToRemove);
    w.writeU8(0);
    w.writeU128(expectedDataObjectStateBloatBond);
    w.writeOption(storageBucketsNumWitness, ScaleWriter::writeU32);
  }

  static UpdateVideo decodeArgs(ScaleReader r) {
    ContentActor actor = ContentActor.decode(r);
    long videoId = r.readU64();
    Optional<StorageAssets> assets = r.readOption(StorageAssets::decode);
    Optional<byte[]> meta = Args.optionalBytes(r);
    Set<Long> remove = Args.u64Set(r);
    int at = r.position();
    if (r.readU8() != 0) {
      throw new ScaleException(
          "update_video at offset "
              + at
              + " issues an NFT (auto_issue_nft), which is not supported");
    }
    return new UpdateVideo(
        actor, videoId, assets, meta, remove, r.readU128(), r.readOption(ScaleReader::readU32));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UpdateVideo o
        && actor.equals(o.actor)
        && videoId == o.videoId
        && assetsToUpload.equals(o.assetsToUpload)
        && Args.same(newMeta, o.newMeta)
        && assetsToRemove.equals(o.assetsToRemove)
        && expectedDataObjectStateBloatBond.equals(o.expectedDataObjectStateBloatBond)
        && storageBucketsNumWitness.equals(o.storageBucketsNumWitness);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        actor,
        videoId,
        assetsToUpload,
        Args.hash(newMeta),
        assetsToRemove,
        expectedDataObjectStateBloatBond,
        storageBucketsNumWitness);
  }

  @Override
  public String toString() {
    return "UpdateVideo[actor="
        + actor
        + ", videoId="
        + videoId
        + ", assetsToUpload="
        + assetsToUpload
        + ", newMeta="
        + Args.text(newMeta)
        + ", assetsToRemove="
        + new TreeSet<>(assetsToRemove)
        + ", expectedDataObjectStateBloatBond="
        + expectedDataObjectStateBloatBond
        + ", storageBucketsNumWitness="
        + storageBucketsNumWitness
        + "]";
  }
}
