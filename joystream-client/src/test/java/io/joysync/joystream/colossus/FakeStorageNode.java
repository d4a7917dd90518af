package io.joysync.joystream.colossus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.joysync.joystream.content.ContentIdHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage node stand-in on 127.0.0.1 for client tests. It answers {@code GET /api/v1/version},
 * and for {@code POST /api/v1/files} it parses the multipart stream as it arrives (headers of the
 * single part, then the file hashed chunk by chunk, never held in memory), checks the closing
 * delimiter, and replies with whatever the test's script says for what it received.
 */
final class FakeStorageNode implements AutoCloseable {
  /** What one upload delivered. {@code error} is set when the multipart stream was malformed. */
  record Received(
      String method,
      Map<String, String> query,
      String contentType,
      long contentLength,
      String fieldName,
      String fileName,
      ContentIdHasher.HashedContent file,
      String error) {}

  record Reply(int status, String body) {}

  private static final Pattern BOUNDARY = Pattern.compile("boundary=([^;]+)");
  private static final Pattern DISPOSITION =
      Pattern.compile("name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeStorageNode(Function<Received, Reply> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/api/v1/version",
        exchange ->
            reply(exchange, new Reply(200, "{\"version\":\"4.4.0\",\"userAgent\":\"Colossus\"}")));
    server.createContext(
        "/api/v1/files",
        exchange -> {
          Received r = receive(exchange);
          received.add(r);
          reply(exchange, script.apply(r));
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void reply(HttpExchange exchange, Reply reply) throws IOException {
    try (exchange) {
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Received receive(HttpExchange exchange) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = lengthHeader == null ? -1 : Long.parseLong(lengthHeader);
    String method = exchange.getRequestMethod();
    Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!m.find()) {
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      return new Received(method, query, contentType, length, null, null, null, "no boundary");
    }
    String boundary = m.group(1);
    InputStream in = exchange.getRequestBody();
    String first = line(in);
    if (!first.equals("--" + boundary)) {
      return new Received(
          method, query, contentType, length, null, null, null, "bad first line " + first);
    }
    String field = null;
    String fileName = null;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.toLowerCase().startsWith("content-disposition:")) {
        Matcher d = DISPOSITION.matcher(header);
        if (d.find()) {
          field = d.group(1);
          fileName = d.group(2);
        }
      }
    }
    byte[] delimiter = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    ContentIdHasher hasher = new ContentIdHasher();
    byte[] pending = new byte[0];
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      byte[] joined = Arrays.copyOf(pending, pending.length + n);
      System.arraycopy(buffer, 0, joined, pending.length, n);
      int emit = Math.max(0, joined.length - delimiter.length);
      hasher.update(joined, 0, emit);
      pending = Arrays.copyOfRange(joined, emit, joined.length);
    }
    String error = Arrays.equals(pending, delimiter) ? null : "missing closing delimiter";
    return new Received(
        method, query, contentType, length, field, fileName, hasher.finish(), error);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        break;
      }
      if (out.size() > 8192) {
        throw new IOException("header line too long");
      }
      out.write(b);
    }
    String s = out.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
