package io.joysync.joystream.metadata;

/**
 * Runtime metadata that cannot be used: bad magic, truncated or malformed bytes, a type id or
 * pallet that does not exist, or a value that does not match its type. {@link #code()} is stable.
 */
public sealed class MetadataException extends RuntimeException
    permits UnsupportedMetadataVersionException {
  private final String code;

  public MetadataException(String code, String message) {
    super(message);
    this.code = code;
  }

  public MetadataException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** e.g. {@code metadata.malformed}, {@code metadata.unknown-type}, {@code value.malformed}. */
  public String code() {
    return code;
  }
}
