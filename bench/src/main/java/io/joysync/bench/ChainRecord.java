package io.joysync.bench;

import io.joysync.devnet.chain.Block;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.joystream.content.VideoAppAction;
import io.joysync.joystream.events.ContentActor;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.scale.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What the chain itself says happened, block by block: each new block's events are decoded as the
 * devnet produces it, on one thread of their own. Per block: how many videos it created and how
 * many extrinsics failed; per created video: the YouTube id its app action claims, and which member
 * created it. Inclusion, duplicates and per-block counts are taken from here, never from what a
 * publishing mode says of itself.
 */
final class ChainRecord implements AutoCloseable {

  /** One block as recorded: the YouTube ids of the videos it created, in order. */
  record BlockFacts(
      long number, long timestampMillis, List<String> ytVideoIds, int failedExtrinsics) {
    BlockFacts {
      ytVideoIds = List.copyOf(ytVideoIds);
    }

    int videos() {
      return ytVideoIds.size();
    }
  }

  /** One video created on chain. */
  record Creation(String ytVideoId, long channelId, long memberId, long block) {}

  private final SystemEvents systemEvents;
  private final JoystreamEvents events;
  private final ExecutorService decoder =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "chain-record");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, BlockFacts> blocks = new ConcurrentHashMap<>();
  private final Map<String, List<Creation>> byYtVideoId = new ConcurrentHashMap<>();
  private final List<Consumer<BlockFacts>> listeners = new CopyOnWriteArrayList<>();
  private final Runnable unsubscribe;
  private volatile long last;
  private volatile int largestMeta;

  ChainRecord(ChainNode chain, RuntimeMetadata metadata) {
    this.systemEvents = new SystemEvents(metadata);
    this.events = new JoystreamEvents(metadata);
    this.last = chain.best().number();
    this.unsubscribe = chain.onNewHead(b -> decoder.execute(() -> record(b)));
  }

  /** Calls the listener, on the recording thread, after each block is recorded. */
  Runnable onBlock(Consumer<BlockFacts> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  long lastBlock() {
    return last;
  }

  BlockFacts block(long number) {
    return blocks.get(number);
  }

  /** The largest create_video metadata seen, in bytes (it sets the call's weight). */
  int largestMetaBytes() {
    return largestMeta;
  }

  /** YouTube ids claimed by more than one video created on chain since the record started. */
  int duplicatedYtVideoIds() {
    return (int) byYtVideoId.values().stream().filter(c -> c.size() > 1).count();
  }

  /** Every video created on chain that claims this YouTube id (more than one is a duplicate). */
  List<Creation> creations(String ytVideoId) {
    return byYtVideoId.getOrDefault(ytVideoId, List.of());
  }

  private void record(Block block) {
    List<EventRecord> records = systemEvents.decode(block.eventsValue());
    List<String> created = new ArrayList<>();
    int failed = 0;
    for (EventRecord r : records) {
      JoystreamEvent e = events.view(r).orElse(null);
      if (e instanceof JoystreamEvent.VideoCreated v) {
        byte[] meta = v.metaHex() == null ? new byte[0] : Hex.decode(v.metaHex());
        largestMeta = Math.max(largestMeta, meta.length);
        String ytVideoId =
            VideoAppAction.decode(meta)
                .map(VideoAppAction.DecodedVideoMeta::claimedYtVideoId)
                .orElse("");
        long member = v.actor() instanceof ContentActor.Member m ? m.memberId() : -1;
        byYtVideoId
            .computeIfAbsent(ytVideoId, k -> new CopyOnWriteArrayList<>())
            .add(new Creation(ytVideoId, v.channelId(), member, block.number()));
        created.add(ytVideoId);
      } else if (e instanceof JoystreamEvent.ExtrinsicFailed) {
        failed++;
      }
    }
    BlockFacts facts = new BlockFacts(block.number(), block.timestamp(), created, failed);
    blocks.put(block.number(), facts);
    last = block.number();
    listeners.forEach(l -> l.accept(facts));
  }

  /** The recorded blocks {@code from..to}, in order. */
  List<BlockFacts> blocks(long from, long to) {
    List<BlockFacts> out = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      BlockFacts b = blocks.get(n);
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public void close() {
    unsubscribe.run();
    decoder.shutdownNow();
  }
}
