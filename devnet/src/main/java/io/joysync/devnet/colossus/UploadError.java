package io.joysync.devnet.colossus;

/**
 * A refused upload with the status and message Colossus answers ({@code {"type":"upload",
 * "message":"Error: ..."}}).
 */
public final class UploadError extends RuntimeException {
  private final int status;

  public UploadError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
