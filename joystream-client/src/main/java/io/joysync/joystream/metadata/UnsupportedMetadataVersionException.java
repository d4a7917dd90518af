package io.joysync.joystream.metadata;

/** The metadata is of a version this client does not read (only V14 is supported). */
public final class UnsupportedMetadataVersionException extends MetadataException {
  private final int version;

  public UnsupportedMetadataVersionException(int version) {
    super(
        "metadata.unsupported-version",
        "runtime metadata version " + version + " is not supported (this client reads V14)");
    this.version = version;
  }

  public int version() {
    return version;
  }
}
