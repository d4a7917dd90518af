package io.joysync.engine.pipeline;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the pipeline finds its work: every tracked video not yet on Joystream (nor unavailable),
 * kept by the read side from the videos' events and spread over {@link #SLOTS} slots by channel, so
 * each pipeline worker reads only its own slots and no entity is woken to find work.
 */
public interface WorkIndex {

  /** How many slots the work is spread over (by a stable hash of the channel id). */
  int SLOTS = 16;

  static int slotOf(String channelId) {
    return Math.floorMod(channelId.hashCode(), SLOTS);
  }

  /** Up to {@code limit} items of a slot, in no particular order. */
  CompletionStage<List<WorkItem>> items(int slot, int limit);
}
