package io.joysync.joystream.events;

import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.ScaleValue;

/** Who acted in a content call: a curator of a group, a member, or the content lead. */
public sealed interface ContentActor {
  record Curator(long curatorGroupId, long curatorId) implements ContentActor {}

  record Member(long memberId) implements ContentActor {}

  enum Lead implements ContentActor {
    INSTANCE;

    @Override
    public String toString() {
      return "Lead";
    }
  }

  static ContentActor of(ScaleValue v) {
    return switch (v.variantName()) {
      case "Curator" -> new Curator(v.at(0).asLong(), v.at(1).asLong());
      case "Member" -> new Member(v.at(0).asLong());
      case "Lead" -> Lead.INSTANCE;
      default ->
          throw new MetadataException("value.shape", "unknown ContentActor " + v.variantName());
    };
  }
}
