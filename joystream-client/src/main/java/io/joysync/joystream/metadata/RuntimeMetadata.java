package io.joysync.joystream.metadata;

import io.joysync.joystream.metadata.TypeDef.Variant;
import io.joysync.joystream.metadata.TypeDef.VariantType;
import io.joysync.joystream.scale.Hex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A runtime's V14 metadata, parsed once and indexed: pallets by name and by index, their calls,
 * events and errors by name and by index byte, storage items, constants, and the signed extensions
 * in the order the extrinsic carries them. Immutable and thread-safe.
 */
public final class RuntimeMetadata {
  private final TypeRegistry types;
  private final List<PalletMetadata> pallets;
  private final int extrinsicType;
  private final int extrinsicVersion;
  private final List<SignedExtension> signedExtensions;
  private final int runtimeType;
  private final Map<String, PalletMetadata> byName = new HashMap<>();
  private final Map<Integer, PalletMetadata> byIndex = new HashMap<>();

  /** A signed extension: its identifier and the types of its extra and additional-signed data. */
  public record SignedExtension(String identifier, int type, int additionalSigned) {}

  RuntimeMetadata(
      TypeRegistry types,
      List<PalletMetadata> pallets,
      int extrinsicType,
      int extrinsicVersion,
      List<SignedExtension> signedExtensions,
      int runtimeType) {
    this.types = types;
    this.pallets = List.copyOf(pallets);
    this.extrinsicType = extrinsicType;
    this.extrinsicVersion = extrinsicVersion;
    this.signedExtensions = List.copyOf(signedExtensions);
    this.runtimeType = runtimeType;
    for (PalletMetadata p : this.pallets) {
      byName.put(p.name(), p);
      byIndex.put(p.index(), p);
    }
  }

  /** Parses the SCALE bytes of {@code state_getMetadata}. */
  public static RuntimeMetadata parse(byte[] bytes) {
    return MetadataParser.parse(bytes);
  }

  /** Parses the hex string of {@code state_getMetadata} (with or without 0x). */
  public static RuntimeMetadata parseHex(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new MetadataException("metadata.bad-hex", "metadata is not hex: " + e.getMessage(), e);
    }
    return parse(bytes);
  }

  public TypeRegistry types() {
    return types;
  }

  public List<PalletMetadata> pallets() {
    return pallets;
  }

  public int extrinsicVersion() {
    return extrinsicVersion;
  }

  public int extrinsicType() {
    return extrinsicType;
  }

  public int runtimeType() {
    return runtimeType;
  }

  public List<SignedExtension> signedExtensions() {
    return signedExtensions;
  }

  public Optional<PalletMetadata> findPallet(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public PalletMetadata pallet(String name) {
    return findPallet(name)
        .orElseThrow(
            () -> new MetadataException("metadata.unknown-pallet", "no pallet named " + name));
  }

  public PalletMetadata pallet(int index) {
    PalletMetadata p = byIndex.get(index);
    if (p == null) {
      throw new MetadataException("metadata.unknown-pallet", "no pallet with index " + index);
    }
    return p;
  }

  /** The pallet whose storage prefix is {@code prefix} (the Members pallet uses "Membership"). */
  public PalletMetadata palletByStoragePrefix(String prefix) {
    return pallets.stream()
        .filter(p -> p.storagePrefix().equals(prefix))
        .findFirst()
        .orElseThrow(
            () ->
                new MetadataException(
                    "metadata.unknown-pallet", "no pallet stores under prefix " + prefix));
  }

  public StorageEntry storageEntry(String prefix, String item) {
    return palletByStoragePrefix(prefix)
        .storageEntry(item)
        .orElseThrow(
            () ->
                new MetadataException(
                    "metadata.unknown-storage", "no storage item " + prefix + "." + item));
  }

  public List<Variant> calls(String pallet) {
    return variants(pallet(pallet).callType());
  }

  public List<Variant> events(String pallet) {
    return variants(pallet(pallet).eventType());
  }

  public List<Variant> errors(String pallet) {
    return variants(pallet(pallet).errorType());
  }

  public Variant call(String pallet, String call) {
    return named(calls(pallet), pallet, call, "call");
  }

  public Variant event(String pallet, String event) {
    return named(events(pallet), pallet, event, "event");
  }

  /** The error with index {@code error} of the pallet with index {@code palletIndex}. */
  public Optional<Variant> moduleError(int palletIndex, int error) {
    PalletMetadata p = byIndex.get(palletIndex);
    if (p == null || p.errorType() < 0) {
      return Optional.empty();
    }
    return variantType(p.errorType()).byIndex(error);
  }

  VariantType variantType(int typeId) {
    if (types.def(typeId) instanceof VariantType v) {
      return v;
    }
    throw new MetadataException(
        "metadata.malformed", "type " + typeId + " should be an enum but is " + types.def(typeId));
  }

  private List<Variant> variants(int typeId) {
    return typeId < 0 ? List.of() : variantType(typeId).variants();
  }

  private static Variant named(List<Variant> list, String pallet, String name, String what) {
    return list.stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new MetadataException(
                    "metadata.unknown-" + what,
                    "pallet " + pallet + " has no " + what + " " + name));
  }
}
