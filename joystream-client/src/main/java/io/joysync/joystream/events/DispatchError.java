package io.joysync.joystream.events;

import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.metadata.TypeDef;
import java.util.List;
import java.util.Optional;

/**
 * Why a dispatch failed. A {@link Module} error is resolved against the metadata to the pallet's
 * name and the error's name and docs (e.g. Storage.StorageBucketObjectSizeLimitReached); the other
 * kinds of the runtime's DispatchError enum (BadOrigin, Token(NoFunds), Arithmetic(Overflow), ...)
 * are {@link Other}.
 */
public sealed interface DispatchError {

  /** A short human-readable form such as {@code Storage.StorageBucketObjectSizeLimitReached}. */
  String describe();

  record Module(int palletIndex, int errorIndex, String pallet, String error, List<String> docs)
      implements DispatchError {
    public Module {
      docs = List.copyOf(docs);
    }

    @Override
    public String describe() {
      return pallet + "." + error;
    }
  }

  /** Any other kind; {@code detail} is the inner variant's name (e.g. NoFunds) or null. */
  record Other(String kind, String detail) implements DispatchError {
    @Override
    public String describe() {
      return detail == null ? kind : kind + "(" + detail + ")";
    }
  }

  /** Reads a decoded {@code DispatchError} value. */
  static DispatchError of(ScaleValue v, RuntimeMetadata metadata) {
    String kind = v.variantName();
    if (kind.equals("Module")) {
      ScaleValue module = v.at(0);
      int palletIndex = (int) module.field("index").asLong();
      byte[] error = module.field("error").asBytes();
      int errorIndex = error.length == 0 ? 0 : error[0] & 0xff;
      String pallet =
          metadata.pallets().stream()
              .filter(p -> p.index() == palletIndex)
              .map(p -> p.name())
              .findFirst()
              .orElse("Pallet#" + palletIndex);
      Optional<TypeDef.Variant> resolved = metadata.moduleError(palletIndex, errorIndex);
      return new Module(
          palletIndex,
          errorIndex,
          pallet,
          resolved.map(TypeDef.Variant::name).orElse("Error#" + errorIndex),
          resolved.map(TypeDef.Variant::docs).orElse(List.of()));
    }
    String detail = null;
    if (!v.fields().isEmpty() && v.at(0) instanceof ScaleValue.Variant inner) {
      detail = inner.name();
    }
    return new Other(kind, detail);
  }
}
