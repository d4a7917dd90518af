package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.AccountInfo;
import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.DataObject;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.ChainRecords.Video;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * SCALE encodings of the storage values, field for field as the V14 metadata of spec 2004 lays them
 * out (FrameSystemAccountInfo, PalletContentChannelRecord, PalletContentVideoRecord,
 * PalletStorageBagRecord, PalletStorageDataObject, PalletStorageStorageBucketRecord,
 * PalletMembershipMembershipObject).
 */
public final class StorageCodec {
  private static final long DAILY_NFT_PERIOD = 14_400;
  private static final long WEEKLY_NFT_PERIOD = 100_800;

  private StorageCodec() {}

  public static byte[] account(AccountInfo a) {
    return new ScaleWriter()
        .writeU32(a.nonce())
        .writeU32(a.consumers())
        .writeU32(a.providers())
        .writeU32(0)
        .writeU128(a.free())
        .writeU128(a.reserved())
        .writeU128(BigInteger.ZERO)
        .writeU128(BigInteger.ZERO)
        .toByteArray();
  }

  static void collaborators(ScaleWriter w, Map<Long, ? extends Set<Integer>> map) {
    w.writeBTreeMap(
        map,
        Long::compareUnsigned,
        ScaleWriter::writeU64,
        (x, perms) -> x.writeBTreeSet(perms, Integer::compare, (y, p) -> y.writeU8(p)));
  }

  private static void bond(ScaleWriter w, BigInteger amount) {
    w.writeU8(0).writeU128(amount);
  }

  public static byte[] channel(Channel c) {
    ScaleWriter w = new ScaleWriter();
    w.writeU8(0).writeU64(c.ownerMember()).writeU64(c.numVideos());
    collaborators(w, c.collaborators());
    w.writeU128(BigInteger.ZERO).writeU8(0);
    w.writeBTreeSet(c.pausedFeatures(), Integer::compare, (x, p) -> x.writeU8(p));
    w.writeU8(0);
    w.writeU64Set(c.dataObjects());
    w.writeU64(10).writeU32(DAILY_NFT_PERIOD);
    w.writeU64(50).writeU32(WEEKLY_NFT_PERIOD);
    w.writeU64(0).writeU32(0);
    w.writeU64(0).writeU32(0);
    w.writeU8(0);
    bond(w, c.bloatBond());
    return w.toByteArray();
  }

  public static byte[] video(Video v) {
    ScaleWriter w = new ScaleWriter();
    w.writeU64(v.channelId()).writeU8(0).writeU64Set(v.dataObjects());
    bond(w, v.bloatBond());
    return w.toByteArray();
  }

  public static byte[] bag(Bag b) {
    return new ScaleWriter()
        .writeU64Set(b.storedBy())
        .writeCompact(0)
        .writeU64(b.objectsTotalSize())
        .writeU64(b.objectsNumber())
        .toByteArray();
  }

  public static byte[] dataObject(DataObject o) {
    ScaleWriter w = new ScaleWriter();
    w.writeBool(o.accepted());
    bond(w, o.bloatBond());
    return w.writeU64(o.size()).writeByteVec(o.ipfsContentId()).toByteArray();
  }

  public static byte[] bucket(StorageBucket b) {
    return new ScaleWriter()
        .writeU8(2)
        .writeU64(b.workerId())
        .writeBytes(b.transactor().bytes())
        .writeBool(b.acceptingNewBags())
        .writeU64(b.sizeLimit())
        .writeU64(b.objectsLimit())
        .writeU64(b.sizeUsed())
        .writeU64(b.objectsUsed())
        .writeU64(b.assignedBags())
        .toByteArray();
  }

  public static byte[] member(Member m) {
    return new ScaleWriter()
        .writeBytes(m.handleHash())
        .writeBytes(m.root().bytes())
        .writeBytes(m.controller().bytes())
        .writeBool(false)
        .writeU32(0)
        .toByteArray();
  }

  /** LastRuntimeUpgradeInfo: compact spec version, then the spec name as a SCALE string. */
  public static byte[] lastRuntimeUpgrade(long specVersion) {
    byte[] name = Runtime.SPEC_NAME.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new ScaleWriter()
        .writeCompact(specVersion)
        .writeCompact(name.length)
        .writeBytes(name)
        .toByteArray();
  }

  public static byte[] u32(long v) {
    return new ScaleWriter().writeU32(v).toByteArray();
  }

  public static byte[] u64(long v) {
    return new ScaleWriter().writeU64(v).toByteArray();
  }

  public static byte[] u128(BigInteger v) {
    return new ScaleWriter().writeU128(v).toByteArray();
  }
}
