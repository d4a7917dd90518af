package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a channel collaborator may do. The declaration order is the runtime's variant index, so
 * {@link #ordinal()} is the SCALE byte and enum order is the BTreeSet order.
 */
public enum ChannelActionPermission {
  UPDATE_CHANNEL_METADATA,
  MANAGE_NON_VIDEO_CHANNEL_ASSETS,
  MANAGE_CHANNEL_COLLABORATORS,
  UPDATE_VIDEO_METADATA,
  ADD_VIDEO,
  MANAGE_VIDEO_ASSETS,
  DELETE_CHANNEL,
  DELETE_VIDEO,
  MANAGE_VIDEO_NFTS,
  AGENT_REMARK,
  TRANSFER_CHANNEL,
  CLAIM_CHANNEL_REWARD,
  WITHDRAW_FROM_CHANNEL_BALANCE,
  ISSUE_CREATOR_TOKEN,
  CLAIM_CREATOR_TOKEN_PATRONAGE,
  INIT_AND_MANAGE_CREATOR_TOKEN_SALE,
  CREATOR_TOKEN_ISSUER_TRANSFER,
  MAKE_CREATOR_TOKEN_PERMISSIONLESS,
  REDUCE_CREATOR_TOKEN_PATRONAGE_RATE,
  MANAGE_REVENUE_SPLITS,
  DEISSUE_CREATOR_TOKEN,
  AMM_CONTROL;

  private static final ChannelActionPermission[] VALUES = values();

  /** Writes a {@code BTreeSet<ChannelActionPermission>} (sorted by variant index). */
  public static void encodeSet(ScaleWriter w, Collection<ChannelActionPermission> set) {
    w.writeBTreeSet(
        set, Comparator.<ChannelActionPermission>naturalOrder(), (x, p) -> x.writeU8(p.ordinal()));
  }

  public static Set<ChannelActionPermission> decodeSet(ScaleReader r) {
    List<ChannelActionPermission> list = r.readVec(ChannelActionPermission::decode);
    return list.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(list));
  }

  public static ChannelActionPermission decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    if (tag >= VALUES.length) {
      throw new ScaleException("invalid ChannelActionPermission " + tag + " at offset " + at);
    }
    return VALUES[tag];
  }

  /** Writes {@code BTreeMap<MemberId, BTreeSet<ChannelActionPermission>>} (collaborators). */
  public static void encodeCollaborators(
      ScaleWriter w, Map<Long, ? extends Collection<ChannelActionPermission>> map) {
    w.writeBTreeMap(
        map, Long::compareUnsigned, ScaleWriter::writeU64, ChannelActionPermission::encodeSet);
  }

  public static Map<Long, Set<ChannelActionPermission>> decodeCollaborators(ScaleReader r) {
    int n = r.readCompactInt();
    Map<Long, Set<ChannelActionPermission>> out = new TreeMap<>(Long::compareUnsigned);
    for (int i = 0; i < n; i++) {
      out.put(r.readU64(), decodeSet(r));
    }
    return out;
  }
}
