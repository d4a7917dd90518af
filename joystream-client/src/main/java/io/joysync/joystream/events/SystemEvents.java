package io.joysync.joystream.events;

import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.metadata.StorageEntry;
import io.joysync.joystream.metadata.ValueDecoder;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a {@code System.Events} storage value with the metadata's own types, so events of any
 * pallet (known to this client or not) are read and skipped correctly. The outer event enum is the
 * runtime's: its variants are the pallets, each wrapping that pallet's event enum.
 */
public final class SystemEvents {
  private final RuntimeMetadata metadata;
  private final ValueDecoder decoder;
  private final int valueType;

  public SystemEvents(RuntimeMetadata metadata) {
    this.metadata = metadata;
    this.decoder = new ValueDecoder(metadata.types());
    StorageEntry entry = metadata.storageEntry("System", "Events");
    this.valueType = entry.valueType();
  }

  public RuntimeMetadata metadata() {
    return metadata;
  }

  /** All records of one block's {@code System.Events} value, in order. */
  public List<EventRecord> decode(byte[] value) {
    ScaleValue all = decoder.decode(valueType, value);
    List<EventRecord> out = new ArrayList<>(all.items().size());
    for (ScaleValue record : all.items()) {
      out.add(record(record));
    }
    return out;
  }

  private EventRecord record(ScaleValue record) {
    Phase phase = phase(record.field("phase"));
    ScaleValue outer = record.field("event");
    if (!(outer instanceof ScaleValue.Variant palletVariant)
        || palletVariant.fields().size() != 1) {
      throw new MetadataException("value.shape", "event is not a pallet-wrapped enum: " + outer);
    }
    ScaleValue inner = palletVariant.fields().get(0).value();
    if (!(inner instanceof ScaleValue.Variant event)) {
      throw new MetadataException("value.shape", "pallet event is not an enum: " + inner);
    }
    List<String> topics = new ArrayList<>();
    for (ScaleValue t : record.field("topics").items()) {
      topics.add(Hex.encode(t.asBytes()));
    }
    return new EventRecord(
        phase,
        palletVariant.name(),
        palletVariant.index(),
        event.name(),
        event.index(),
        event.fields(),
        topics);
  }

  private static Phase phase(ScaleValue v) {
    return switch (v.variantName()) {
      case "ApplyExtrinsic" -> new Phase.ApplyExtrinsic(v.at(0).asLong());
      case "Finalization" -> Phase.Finalization.INSTANCE;
      case "Initialization" -> Phase.Initialization.INSTANCE;
      default ->
          throw new MetadataException("value.shape", "unknown event phase " + v.variantName());
    };
  }
}
