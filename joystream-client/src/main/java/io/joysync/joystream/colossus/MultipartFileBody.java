package io.joysync.joystream.colossus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body with one file part, streamed from disk: the part header, the
 * file read in small chunks on demand, and the closing delimiter. Memory use does not depend on the
 * file size, and the exact Content-Length is declared up front (no chunked encoding).
 */
final class MultipartFileBody {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final byte[] head;
  private final byte[] tail;
  private final Path file;
  private final long fileSize;

  MultipartFileBody(String fieldName, String fileName, Path file) throws IOException {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    this.boundary = "joysync-" + HexFormat.of().formatHex(nonce);
    this.head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + fieldName
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    this.file = file;
    this.fileSize = Files.size(file);
  }

  /** The request's Content-Type header value. */
  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  long fileSize() {
    return fileSize;
  }

  /** Total body length in bytes. */
  long contentLength() {
    return head.length + fileSize + tail.length;
  }

  /** A publisher that opens the file when the client starts sending (again on each retry). */
  HttpRequest.BodyPublisher publisher() {
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(this::open);
    return HttpRequest.BodyPublishers.fromPublisher(stream, contentLength());
  }

  private InputStream open() {
    try {
      return new SequenceInputStream(
          new ByteArrayInputStream(head),
          new SequenceInputStream(
              new SizeCheckedStream(Files.newInputStream(file), fileSize),
              new ByteArrayInputStream(tail)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + " for upload", e);
    }
  }

  /** Fails the upload if the file changed length while it was being sent. */
  private static final class SizeCheckedStream extends java.io.FilterInputStream {
    private final long expected;
    private long read;

    SizeCheckedStream(InputStream in, long expected) {
      super(in);
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, Math.max(1, expected - read + 1)));
      if (n > 0) {
        read += n;
        if (read > expected) {
          throw new IOException("file grew during upload beyond " + expected + " bytes");
        }
      } else if (n < 0 && read != expected) {
        throw new IOException("file shrank during upload to " + read + " of " + expected);
      }
      return n;
    }
  }
}
