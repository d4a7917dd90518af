package io.joysync.joystream.events;

import io.joysync.joystream.events.JoystreamEvent.DataObjectCreation;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.scale.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns generic {@link EventRecord}s into {@link JoystreamEvent}s. Field positions and names are
 * those of the Joystream runtime's metadata; a record of the right name but another shape fails
 * with {@link MetadataException} rather than giving a wrong id.
 */
public final class JoystreamEvents {
  private final RuntimeMetadata metadata;

  public JoystreamEvents(RuntimeMetadata metadata) {
    this.metadata = metadata;
  }

  /** The typed view of a record, or empty for events joysync does not interpret. */
  public Optional<JoystreamEvent> view(EventRecord r) {
    String key = r.pallet() + "." + r.name();
    JoystreamEvent e =
        switch (key) {
          case "System.ExtrinsicSuccess" ->
              new JoystreamEvent.ExtrinsicSuccess(DispatchInfo.of(r.field("dispatch_info")));
          case "System.ExtrinsicFailed" ->
              new JoystreamEvent.ExtrinsicFailed(
                  DispatchError.of(r.field("dispatch_error"), metadata),
                  DispatchInfo.of(r.field("dispatch_info")));
          case "Content.VideoCreated" -> videoCreated(r);
          case "Content.ChannelUpdated" ->
              new JoystreamEvent.ChannelUpdated(ContentActor.of(r.field(0)), r.field(1).asLong());
          case "Content.ChannelTransferAccepted" ->
              new JoystreamEvent.ChannelTransferAccepted(r.field(0).asLong());
          case "Content.ChannelDeleted" ->
              new JoystreamEvent.ChannelDeleted(ContentActor.of(r.field(0)), r.field(1).asLong());
          case "Content.VideoUpdated" -> videoUpdated(r);
          case "Content.VideoDeleted" ->
              new JoystreamEvent.VideoDeleted(ContentActor.of(r.field(0)), r.field(1).asLong());
          case "Storage.DataObjectsUploaded" -> dataObjectsUploaded(r);
          case "Utility.BatchInterrupted" ->
              new JoystreamEvent.BatchInterrupted(
                  r.field("index").asLong(), DispatchError.of(r.field("error"), metadata));
          case "Utility.BatchCompleted" -> JoystreamEvent.BatchCompleted.INSTANCE;
          case "Utility.BatchCompletedWithErrors" ->
              JoystreamEvent.BatchCompletedWithErrors.INSTANCE;
          case "Utility.ItemCompleted" -> JoystreamEvent.ItemCompleted.INSTANCE;
          case "Utility.ItemFailed" ->
              new JoystreamEvent.ItemFailed(DispatchError.of(r.field("error"), metadata));
          default -> null;
        };
    return Optional.ofNullable(e);
  }

  /** Typed views of all records of one extrinsic, in order. */
  public List<JoystreamEvent> ofExtrinsic(List<EventRecord> records, long extrinsicIndex) {
    List<JoystreamEvent> out = new ArrayList<>();
    for (EventRecord r : records) {
      if (r.ofExtrinsic(extrinsicIndex)) {
        view(r).ifPresent(out::add);
      }
    }
    return out;
  }

  private static JoystreamEvent videoCreated(EventRecord r) {
    ScaleValue params = r.field(3);
    ScaleValue assets = params.field("assets").optional();
    ScaleValue meta = params.field("meta").optional();
    return new JoystreamEvent.VideoCreated(
        ContentActor.of(r.field(0)),
        r.field(1).asLong(),
        r.field(2).asLong(),
        assets == null ? List.of() : creations(assets.field("object_creation_list")),
        meta == null ? null : Hex.encode(meta.asBytes()),
        params.field("expected_video_state_bloat_bond").asBigInteger(),
        ids(r.field(4)));
  }

  private static JoystreamEvent videoUpdated(EventRecord r) {
    ScaleValue meta = r.field(2).field("new_meta").optional();
    return new JoystreamEvent.VideoUpdated(
        ContentActor.of(r.field(0)),
        r.field(1).asLong(),
        meta == null ? null : Hex.encode(meta.asBytes()));
  }

  private static JoystreamEvent dataObjectsUploaded(EventRecord r) {
    ScaleValue upload = r.field(1);
    return new JoystreamEvent.DataObjectsUploaded(
        ids(r.field(0)),
        bagId(upload.field("bag_id")),
        creations(upload.field("object_creation_list")),
        upload.field("expected_data_size_fee").asBigInteger(),
        r.field(2).asBigInteger());
  }

  /** The ids of a {@code BTreeSet<u64>} (or a bounded wrapper of one), in stored order. */
  public static List<Long> ids(ScaleValue set) {
    ScaleValue seq =
        set instanceof ScaleValue.Composite c && c.fields().size() == 1 ? set.at(0) : set;
    List<Long> out = new ArrayList<>();
    for (ScaleValue v : seq.items()) {
      out.add(v.asLong());
    }
    return out;
  }

  private static List<DataObjectCreation> creations(ScaleValue list) {
    List<DataObjectCreation> out = new ArrayList<>();
    for (ScaleValue o : list.items()) {
      ScaleValue size = hasField(o, "size_") ? o.field("size_") : o.field("size");
      out.add(
          new DataObjectCreation(
              size.asLong(),
              new String(o.field("ipfs_content_id").asBytes(), StandardCharsets.US_ASCII)));
    }
    return out;
  }

  private static boolean hasField(ScaleValue v, String name) {
    return v.fields().stream().anyMatch(f -> name.equals(f.name()));
  }

  /** A BagId value in the string form Colossus and Orion use. */
  public static String bagId(ScaleValue bag) {
    ScaleValue inner = bag.at(0);
    String kind = inner.variantName().toLowerCase(Locale.ROOT);
    if (bag.variantName().equals("Dynamic")) {
      return "dynamic:" + kind + ":" + inner.at(0).asLong();
    }
    if (inner.fields().isEmpty()) {
      return "static:" + kind;
    }
    return "static:wg:" + inner.at(0).variantName().toLowerCase(Locale.ROOT);
  }
}
