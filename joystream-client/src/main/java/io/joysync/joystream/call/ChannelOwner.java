package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;

/** The owner of a new channel: enum 0 = Member(id), 1 = CuratorGroup(id). */
public sealed interface ChannelOwner {
  record Member(long memberId) implements ChannelOwner {}

  record CuratorGroup(long curatorGroupId) implements ChannelOwner {}

  default void encode(ScaleWriter w) {
    if (this instanceof Member m) {
      w.writeU8(0).writeU64(m.memberId());
    } else {
      w.writeU8(1).writeU64(((CuratorGroup) this).curatorGroupId());
    }
  }

  static ChannelOwner decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    return switch (tag) {
      case 0 -> new Member(r.readU64());
      case 1 -> new CuratorGroup(r.readU64());
      default ->
          throw new ScaleException("invalid ChannelOwner variant " + tag + " at offset " + at);
    };
  }
}
