package io.joysync.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on loopback between a node's cluster address and the port it really binds, so a test
 * can cut nodes off the network. After {@link #blackhole()} every byte that reaches the relay,
 * either way, is read and dropped, on open connections and on new ones; after {@link
 * #dropFrom(InetAddress)} the same holds for the connections a given client address opened (a
 * node's outbound connections, when each node connects from an address of its own: Artery's {@code
 * outbound-client-hostname}). Nothing is closed or reset, as when a machine's link goes dark: the
 * peers learn of it only from missing heartbeats. After {@link #heal()} bytes flow again; the
 * connections that lost bytes meanwhile are closed, so their peers connect anew.
 */
public final class TcpRelay implements AutoCloseable {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final ServerSocket server;
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tcp-relay");
            t.setDaemon(true);
            return t;
          });
  private final Set<InetAddress> cutSources = ConcurrentHashMap.newKeySet();

  /** The client ends of the connections that lost bytes (or were never relayed) while cut. */
  private final Set<Socket> damaged = ConcurrentHashMap.newKeySet();

  private volatile boolean dark;

  private TcpRelay(ServerSocket server, int target) {
    this.server = server;
    this.target = target;
  }

  /** Relays connections to {@code listenPort} on loopback to {@code targetPort}. */
  public static TcpRelay start(int listenPort, int targetPort) throws IOException {
    TcpRelay relay = new TcpRelay(new ServerSocket(listenPort, 50, LOOPBACK), targetPort);
    relay.threads.execute(relay::accept);
    return relay;
  }

  /** From now on every byte either way is dropped. */
  public void blackhole() {
    dark = true;
  }

  /** From now on every byte of the connections {@code source} opens, either way, is dropped. */
  public void dropFrom(InetAddress source) {
    cutSources.add(source);
  }

  /**
   * The link is back: nothing is dropped any more, and every connection that lost bytes while it
   * was cut is closed (its stream has a hole), so the peers open new ones.
   */
  public void heal() {
    dark = false;
    cutSources.clear();
    for (Socket client : damaged) {
      closeQuietly(client);
    }
    damaged.clear();
  }

  private boolean cut(Socket client) {
    return dark || cutSources.contains(client.getInetAddress());
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException closing) {
        return;
      }
      sockets.add(in);
      Socket out = null;
      if (!cut(in)) {
        try {
          out = new Socket(LOOPBACK, target);
          sockets.add(out);
        } catch (IOException notListeningYet) {
          closeQuietly(in); // the peer connects again
          continue;
        }
      }
      Socket to = out;
      if (to == null) {
        damaged.add(in);
      }
      threads.execute(() -> pump(in, to, in));
      if (to != null) {
        threads.execute(() -> pump(to, in, in));
      }
    }
  }

  /**
   * Copies {@code from} to {@code to} while the link is up; drops everything once it is cut for
   * this relay or for the connection's {@code client}.
   */
  private void pump(Socket from, Socket to, Socket client) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream input = from.getInputStream();
      OutputStream output = to == null ? null : to.getOutputStream();
      int n;
      while ((n = input.read(buffer)) >= 0) {
        if (!cut(client) && output != null) {
          output.write(buffer, 0, n);
          output.flush();
        } else if (n > 0) {
          damaged.add(client);
        }
      }
    } catch (IOException closed) {
      // one side went away
    }
    if (!cut(client)) {
      // An end seen while the link is up is passed on, as a real connection would.
      closeQuietly(from);
      if (to != null) {
        closeQuietly(to);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
  }
}
