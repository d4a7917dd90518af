package io.joysync.joystream.colossus;

import java.util.regex.Pattern;

/**
 * A storage bag in the text form storage nodes and Orion use: {@code dynamic:channel:<id>}, {@code
 * dynamic:member:<id>}, {@code static:council} or {@code static:wg:<group>}. Always well formed.
 */
public record StorageBagId(String value) {
  private static final Pattern FORM =
      Pattern.compile("dynamic:(channel|member):(0|[1-9][0-9]{0,19})|static:(council|wg:[a-z]+)");

  public StorageBagId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is not a storage bag id (dynamic:channel:<id>, dynamic:member:<id>,"
              + " static:council or static:wg:<group>)");
    }
  }

  /** The bag of a channel, where its videos' assets live. */
  public static StorageBagId channel(long channelId) {
    return new StorageBagId("dynamic:channel:" + Long.toUnsignedString(channelId));
  }

  /** The bag of a member. */
  public static StorageBagId member(long memberId) {
    return new StorageBagId("dynamic:member:" + Long.toUnsignedString(memberId));
  }

  @Override
  public String toString() {
    return value;
  }
}
