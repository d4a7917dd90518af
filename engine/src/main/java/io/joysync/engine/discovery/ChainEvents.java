package io.joysync.engine.discovery;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.storage.ChainState;
import io.joysync.joystream.storage.ChannelInfo;
import io.joysync.joystream.storage.StorageKeys;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads what the chain watch needs from a Joystream node: the finalized head, a block's hash and
 * its events (typed with the runtime's own metadata, read once), and a channel as it stood at a
 * block.
 */
final class ChainEvents {

  /** A block and the events joysync interprets. */
  record BlockEvents(long number, String hash, List<JoystreamEvent> events) {
    BlockEvents {
      events = List.copyOf(events);
    }
  }

  private record Decoding(SystemEvents system, JoystreamEvents typed, byte[] eventsKey) {}

  private final ChainConnection chain;
  private final AtomicReference<CompletableFuture<Decoding>> decoding = new AtomicReference<>();

  ChainEvents(ChainConnection chain) {
    this.chain = chain;
  }

  JoystreamRpc rpc() {
    return chain.rpc();
  }

  /** The number and hash of the newest finalized block. */
  CompletionStage<ChainWatchStore.Position> finalizedHead() {
    return rpc()
        .finalizedHead()
        .thenCompose(
            hash ->
                rpc().header(hash).thenApply(h -> new ChainWatchStore.Position(h.number(), hash)));
  }

  CompletionStage<BlockEvents> block(long number) {
    return decoding()
        .thenCompose(
            d ->
                rpc()
                    .blockHash(number)
                    .thenCompose(
                        hash ->
                            rpc()
                                .storage(d.eventsKey(), hash)
                                .thenApply(
                                    raw ->
                                        new BlockEvents(
                                            number,
                                            hash,
                                            raw.map(
                                                    bytes ->
                                                        d.system().decode(bytes).stream()
                                                            .flatMap(
                                                                r -> d.typed().view(r).stream())
                                                            .toList())
                                                .orElse(List.of())))));
  }

  /** The channel at a block, empty when it did not exist (deleted). */
  CompletionStage<Optional<ChannelInfo>> channel(long channelId, String blockHash) {
    return chain.chainState().thenCompose((ChainState s) -> s.channel(channelId, blockHash));
  }

  private CompletionStage<Decoding> decoding() {
    CompletableFuture<Decoding> current = decoding.get();
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    CompletableFuture<Decoding> fresh =
        rpc()
            .metadata(null)
            .thenApply(
                bytes -> {
                  RuntimeMetadata metadata = RuntimeMetadata.parse(bytes);
                  return new Decoding(
                      new SystemEvents(metadata),
                      new JoystreamEvents(metadata),
                      new StorageKeys(metadata).key("System", "Events").bytes());
                });
    decoding.set(fresh);
    return fresh;
  }
}
