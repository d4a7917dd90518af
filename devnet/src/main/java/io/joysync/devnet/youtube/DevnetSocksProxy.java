package io.joysync.devnet.youtube;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A SOCKS5 proxy (RFC 1928, CONNECT, no authentication) standing in for one egress IP of the
 * download fleet. In {@link Mode#RELAY} it forwards bytes; in {@link Mode#RATE_LIMITED} and {@link
 * Mode#BOT_CHECK} it answers every HTTP request itself the way YouTube answers a burnt IP (HTTP
 * 429, or 403 "Sign in to confirm you're not a bot"), which is what joysync's proxy quarantine must
 * react to. It only connects to loopback targets.
 */
public final class DevnetSocksProxy implements AutoCloseable {

  /** How this proxy's "IP" is treated by the simulated YouTube. */
  public enum Mode {
    RELAY,
    RATE_LIMITED,
    BOT_CHECK
  }

  private static final int MAX_CONNECTIONS = 64;

  private final ServerSocket server;
  private final ExecutorService workers;
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.RELAY);
  private final AtomicLong connections = new AtomicLong();
  private final Thread acceptor;

  private DevnetSocksProxy(ServerSocket server) {
    this.server = server;
    this.workers =
        new ThreadPoolExecutor(
            2,
            MAX_CONNECTIONS * 2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_CONNECTIONS),
            new ThreadPoolExecutor.AbortPolicy());
    this.acceptor = new Thread(this::acceptLoop, "devnet-socks-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static DevnetSocksProxy start(String host, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(host, port), 50);
    return new DevnetSocksProxy(socket);
  }

  /** The proxy URL yt-dlp and joysync's pool take, e.g. {@code socks5://127.0.0.1:40111}. */
  public String url() {
    return "socks5://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  public Mode mode() {
    return mode.get();
  }

  public void mode(Mode newMode) {
    mode.set(newMode);
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket only fails if it is already closed
    }
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        try {
          workers.execute(() -> serve(client));
        } catch (RuntimeException rejected) {
          client.close();
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      if (in.readUnsignedByte() != 5) {
        return;
      }
      int methods = in.readUnsignedByte();
      in.readFully(new byte[methods]);
      out.write(new byte[] {5, 0});
      if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 1) {
        out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
        return;
      }
      in.readUnsignedByte();
      InetAddress target = readAddress(in);
      int port = in.readUnsignedShort();
      if (target == null || !target.isLoopbackAddress()) {
        out.write(new byte[] {5, 2, 0, 1, 0, 0, 0, 0, 0, 0});
        return;
      }
      Mode current = mode.get();
      if (current != Mode.RELAY) {
        out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        answerBlocked(in, out, current);
        return;
      }
      try (Socket upstream = new Socket(target, port)) {
        out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        out.flush();
        Thread pump = new Thread(() -> copy(upstream, client), "devnet-socks-pump");
        pump.setDaemon(true);
        pump.start();
        copy(client, upstream);
        pump.join(30_000);
      }
    } catch (IOException | InterruptedException e) {
      // a client that goes away mid-stream is normal for a proxy
    }
  }

  private static InetAddress readAddress(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    switch (type) {
      case 1 -> {
        byte[] ip = new byte[4];
        in.readFully(ip);
        return InetAddress.getByAddress(ip);
      }
      case 4 -> {
        byte[] ip = new byte[16];
        in.readFully(ip);
        return InetAddress.getByAddress(ip);
      }
      case 3 -> {
        byte[] name = new byte[in.readUnsignedByte()];
        in.readFully(name);
        String host = new String(name, StandardCharsets.US_ASCII);
        return host.equals("localhost")
            ? InetAddress.getLoopbackAddress()
            : InetAddress.getByName(host);
      }
      default -> {
        return null;
      }
    }
  }

  private static void answerBlocked(InputStream in, OutputStream out, Mode mode)
      throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int read = 0; read < 64 * 1024 && matched < 4; read++) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String status =
        mode == Mode.RATE_LIMITED
            ? "429 Too Many Requests"
            : "403 Sign in to confirm you're not a bot";
    out.write(
        ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // either side closing ends the relay
    }
  }
}
