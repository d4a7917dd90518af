package io.joysync.joystream.storage;

import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.ScaleValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What joysync needs of a {@code Content.ChannelById} record: the owner, the collaborators with
 * their permission names (e.g. {@code AddVideo}), the channel's data objects, its video count and
 * whether a transfer is pending (which blocks video creation).
 */
public record ChannelInfo(
    long channelId,
    ChannelOwner owner,
    long numVideos,
    Map<Long, Set<String>> collaborators,
    List<Long> dataObjects,
    boolean transferPending,
    BigInteger stateBloatBond) {

  public ChannelInfo {
    collaborators = Map.copyOf(collaborators);
    dataObjects = List.copyOf(dataObjects);
  }

  /**
   * True when {@code memberId} owns the channel or is a collaborator holding {@code permission}.
   */
  public boolean allows(long memberId, String permission) {
    if (owner instanceof ChannelOwner.Member m && m.memberId() == memberId) {
      return true;
    }
    return collaborators.getOrDefault(memberId, Set.of()).contains(permission);
  }

  /** A channel belongs to a member or to a curator group. */
  public sealed interface ChannelOwner {
    record Member(long memberId) implements ChannelOwner {}

    record CuratorGroup(long curatorGroupId) implements ChannelOwner {}
  }

  static ChannelInfo of(long channelId, ScaleValue v) {
    ScaleValue owner = v.field("owner");
    ChannelOwner o =
        switch (owner.variantName()) {
          case "Member" -> new ChannelOwner.Member(owner.at(0).asLong());
          case "CuratorGroup" -> new ChannelOwner.CuratorGroup(owner.at(0).asLong());
          default ->
              throw new MetadataException(
                  "value.shape", "unknown channel owner " + owner.variantName());
        };
    Map<Long, Set<String>> collaborators = new LinkedHashMap<>();
    for (ScaleValue entry : v.field("collaborators").items()) {
      Set<String> permissions = new LinkedHashSet<>();
      for (ScaleValue p : entry.at(1).items()) {
        permissions.add(p.variantName());
      }
      collaborators.put(entry.at(0).asLong(), Set.copyOf(permissions));
    }
    return new ChannelInfo(
        channelId,
        o,
        v.field("num_videos").asLong(),
        collaborators,
        JoystreamEvents.ids(v.field("data_objects")),
        !v.field("transfer_status").variantName().equals("NoActiveTransfer"),
        v.field("channel_state_bloat_bond").field("amount").asBigInteger());
  }
}
