package io.joysync.joystream.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Computes a {@link ContentId} and the exact byte count in one pass over data fed in pieces, with
 * constant memory whatever the size. Not thread-safe: one hasher per file. After {@link #finish()}
 * the hasher is spent and further use fails, so a result can never silently mix two files.
 */
public final class ContentIdHasher {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Blake3Digest digest = new Blake3Digest(ContentId.DIGEST_LENGTH * 8);
  private long size;
  private boolean finished;

  /** Adds {@code len} bytes of {@code bytes} starting at {@code off}. */
  public void update(byte[] bytes, int off, int len) {
    checkOpen();
    digest.update(bytes, off, len);
    size += len;
  }

  /** Adds all of {@code bytes}. */
  public void update(byte[] bytes) {
    update(bytes, 0, bytes.length);
  }

  /** Adds one byte. */
  public void update(byte b) {
    checkOpen();
    digest.update(b);
    size++;
  }

  /** Bytes hashed so far. */
  public long size() {
    return size;
  }

  /** Ends the hash and returns the content id with the total size. */
  public HashedContent finish() {
    checkOpen();
    finished = true;
    byte[] out = new byte[ContentId.DIGEST_LENGTH];
    digest.doFinal(out, 0);
    return new HashedContent(ContentId.fromDigest(out), size);
  }

  /** Hashes a whole byte array. */
  public static HashedContent of(byte[] bytes) {
    ContentIdHasher hasher = new ContentIdHasher();
    hasher.update(bytes);
    return hasher.finish();
  }

  /** Reads the stream to its end (without closing it) and hashes what it read. */
  public static HashedContent of(InputStream in) throws IOException {
    ContentIdHasher hasher = new ContentIdHasher();
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      hasher.update(buffer, 0, n);
    }
    return hasher.finish();
  }

  /** Hashes a file. */
  public static HashedContent of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /** Like {@link #of(Path)} for use in lambdas; I/O errors become {@link UncheckedIOException}. */
  public static HashedContent ofUnchecked(Path file) {
    try {
      return of(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("content id hasher already finished");
    }
  }

  /** A content id with the exact size of the bytes it was computed from. */
  public record HashedContent(ContentId contentId, long size) {}
}
