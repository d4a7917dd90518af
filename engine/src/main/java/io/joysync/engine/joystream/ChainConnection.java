package io.joysync.engine.joystream;

import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import io.joysync.joystream.storage.ChainState;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node's connection to a Joystream chain node, opened on first use (a node that never reads the
 * chain never connects). The runtime metadata is read once and typed storage reads built on it; a
 * failed attempt is forgotten so the next read tries again. The RPC client reconnects by itself.
 */
public final class ChainConnection implements AutoCloseable {

  private final URI endpoint;
  private final AtomicReference<JoystreamRpc> rpc = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<ChainState>> state = new AtomicReference<>();

  public ChainConnection(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Typed chain-state reads, once the metadata has been read. */
  public CompletionStage<ChainState> chainState() {
    CompletableFuture<ChainState> current = state.get();
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    CompletableFuture<ChainState> fresh = new CompletableFuture<>();
    if (!state.compareAndSet(current, fresh)) {
      return state.get();
    }
    JoystreamRpc client = rpc();
    client
        .metadata(null)
        .thenApply(bytes -> new ChainState(client, RuntimeMetadata.parse(bytes)))
        .whenComplete(
            (s, e) -> {
              if (e == null) {
                fresh.complete(s);
              } else {
                fresh.completeExceptionally(e);
              }
            });
    return fresh;
  }

  /** The JSON-RPC client (connected on first use; it reconnects by itself). */
  public JoystreamRpc rpc() {
    JoystreamRpc existing = rpc.get();
    if (existing != null) {
      return existing;
    }
    JoystreamRpc created = JoystreamRpc.connect(RpcSettings.of(endpoint));
    if (rpc.compareAndSet(null, created)) {
      return created;
    }
    created.close();
    return rpc.get();
  }

  @Override
  public void close() {
    JoystreamRpc client = rpc.getAndSet(null);
    if (client != null) {
      client.close();
    }
  }
}
