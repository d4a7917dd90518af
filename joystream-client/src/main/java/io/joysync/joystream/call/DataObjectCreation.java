package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.nio.charset.StandardCharsets;

/**
 * One asset to upload: its size in bytes (u64) and its content id, the 46-character base58 string
 * of a blake3 multihash sent as its ASCII bytes ({@code Vec<u8>}).
 */
public record DataObjectCreation(long size, String ipfsContentId) {
  public DataObjectCreation {
    if (size < 0) {
      throw new IllegalArgumentException("object size must not be negative: " + size);
    }
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(ipfsContentId)) {
      throw new IllegalArgumentException("content id must be ASCII (base58)");
    }
  }

  public void encode(ScaleWriter w) {
    w.writeU64(size).writeByteVec(ipfsContentId.getBytes(StandardCharsets.US_ASCII));
  }

  public static DataObjectCreation decode(ScaleReader r) {
    long size = r.readU64();
    int at = r.position();
    byte[] id = r.readByteVec();
    for (byte b : id) {
      if (b < 0) {
        throw new ScaleException("content id at offset " + at + " is not ASCII");
      }
    }
    return new DataObjectCreation(size, new String(id, StandardCharsets.US_ASCII));
  }
}
