package io.joysync.joystream.colossus;

import java.nio.file.Path;

/**
 * One asset to upload: the data object created on chain for it, the bag it belongs to and the local
 * file. The file is streamed from disk, never held in memory.
 */
public record UploadRequest(long dataObjectId, StorageBagId bagId, Path file) {
  public UploadRequest {
    if (dataObjectId < 0) {
      throw new IllegalArgumentException("data object id " + dataObjectId + " is negative");
    }
    if (bagId == null || file == null) {
      throw new IllegalArgumentException("bag id and file are required");
    }
  }
}
