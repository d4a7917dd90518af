package io.joysync.engine.publish;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.joystream.storage.ChannelInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which members may add videos to a Joystream channel, read from the chain ({@code
 * Content.ChannelById}: Orion does not expose collaborators) and trusted for a short while, so a
 * busy channel is read once per period and a collaborator removed on chain stops getting work soon.
 * A failed read is not kept.
 */
final class CollaboratorDirectory {
  private static final int MAX_CHANNELS = 10_000;

  private record Entry(Instant readAt, CompletableFuture<Optional<ChannelInfo>> channel) {}

  private final ChainConnection chain;
  private final Duration ttl;
  private final Clock clock;
  private final Map<Long, Entry> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
              return size() > MAX_CHANNELS;
            }
          });

  CollaboratorDirectory(ChainConnection chain, Duration ttl, Clock clock) {
    this.chain = chain;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The channel as the chain has it (empty when it does not exist). */
  CompletionStage<Optional<ChannelInfo>> channel(long channelId) {
    Instant now = clock.instant();
    Entry known = cache.get(channelId);
    if (known != null
        && known.readAt().plus(ttl).isAfter(now)
        && !known.channel().isCompletedExceptionally()) {
      return known.channel();
    }
    CompletableFuture<Optional<ChannelInfo>> read =
        chain.chainState().thenCompose(s -> s.channel(channelId, null)).toCompletableFuture();
    cache.put(channelId, new Entry(now, read));
    return read;
  }
}
