package io.joysync.joystream.content;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes through to another stream while hashing every byte written, so a downloader computes the
 * content id of a file as it writes it, with no second read of the file. Call {@link #finish()}
 * once everything is written.
 */
public final class HashingOutputStream extends FilterOutputStream {
  private final ContentIdHasher hasher = new ContentIdHasher();

  public HashingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    hasher.update((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    hasher.update(b, off, len);
  }

  /** Bytes written so far. */
  public long size() {
    return hasher.size();
  }

  /** The content id of everything written; nothing may be written afterwards. */
  public ContentIdHasher.HashedContent finish() {
    return hasher.finish();
  }
}
