package io.joysync.joystream.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through unchanged while hashing every byte read, so a file is hashed while it is
 * consumed for something else (e.g. uploaded) instead of in a second pass. Skipped bytes are read
 * and hashed too, and mark/reset is refused, so the hash always covers exactly the bytes that went
 * by. Call {@link #finish()} after the end of the stream.
 */
public final class HashingInputStream extends FilterInputStream {
  private final ContentIdHasher hasher = new ContentIdHasher();

  public HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      hasher.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      hasher.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset is not supported while hashing");
  }

  /** Bytes read so far. */
  public long size() {
    return hasher.size();
  }

  /** The content id of everything read; the stream must not be read afterwards. */
  public ContentIdHasher.HashedContent finish() {
    return hasher.finish();
  }
}
