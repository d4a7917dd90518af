package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;

/** Who acts in a content call: enum 0 = Curator(group, curator), 1 = Member(id), 2 = Lead. */
public sealed interface ContentActor {
  record Curator(long curatorGroupId, long curatorId) implements ContentActor {}

  record Member(long memberId) implements ContentActor {}

  enum Lead implements ContentActor {
    INSTANCE
  }

  static ContentActor member(long memberId) {
    return new Member(memberId);
  }

  default void encode(ScaleWriter w) {
    if (this instanceof Curator c) {
      w.writeU8(0).writeU64(c.curatorGroupId()).writeU64(c.curatorId());
    } else if (this instanceof Member m) {
      w.writeU8(1).writeU64(m.memberId());
    } else {
      w.writeU8(2);
    }
  }

  static ContentActor decode(ScaleReader r) {
    int at = r.position();
    int tag = r.readU8();
    return switch (tag) {
      case 0 -> new Curator(r.readU64(), r.readU64());
      case 1 -> new Member(r.readU64());
      case 2 -> Lead.INSTANCE;
      default ->
          throw new ScaleException("invalid ContentActor variant " + tag + " at offset " + at);
    };
  }
}
