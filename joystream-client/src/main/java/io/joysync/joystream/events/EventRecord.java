package io.joysync.joystream.events;

import io.joysync.joystream.metadata.ScaleValue;
import java.util.List;

/**
 * One entry of {@code System.Events}: when it happened, which pallet and event (names from the
 * metadata, indexes as on the wire), its fields decoded generically, and its topics (0x hex).
 */
public record EventRecord(
    Phase phase,
    String pallet,
    int palletIndex,
    String name,
    int index,
    List<ScaleValue.Field> fields,
    List<String> topics) {
  public EventRecord {
    fields = List.copyOf(fields);
    topics = List.copyOf(topics);
  }

  public boolean is(String palletName, String eventName) {
    return pallet.equals(palletName) && name.equals(eventName);
  }

  /** The i-th field's value. */
  public ScaleValue field(int i) {
    return new ScaleValue.Composite(fields).at(i);
  }

  /** A named field's value. */
  public ScaleValue field(String fieldName) {
    return new ScaleValue.Composite(fields).field(fieldName);
  }

  /** True when emitted while applying the extrinsic at {@code extrinsicIndex}. */
  public boolean ofExtrinsic(long extrinsicIndex) {
    return phase instanceof Phase.ApplyExtrinsic a && a.index() == extrinsicIndex;
  }
}
