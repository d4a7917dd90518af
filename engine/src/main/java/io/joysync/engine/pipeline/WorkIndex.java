package io.joysync.engine.pipeline;

import io.joysync.engine.video.VideoState;
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

  /**
   * The three parts of a slot that are read apart, so that what {@link SyncOrder} takes first is
   * always read, however much else waits.
   */
  enum Lane {
    /** On Joystream already or on its way there: its files hold disk room until it finishes. */
    STARTED("started"),
    /** A new upload (published after its channel signed up) not on Joystream yet. */
    NEW_UPLOAD("new-upload"),
    /** A video of a back catalogue not on Joystream yet, read in the order of its rank. */
    CATALOGUE("catalogue");

    private final String wireName;

    Lane(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Lane of(VideoState state, boolean historical) {
      if (!DownloadStage.notYetCreated(state)) {
        return STARTED;
      }
      return historical ? CATALOGUE : NEW_UPLOAD;
    }
  }

  /**
   * Items of a slot, at most {@code limit} of each lane: the videos already started and the new
   * uploads, and of the back catalogues those of the lowest ranks (each channel's first place
   * before anyone's second, as ranked when they were found), so a channel that signs up while
   * others' catalogues wait has its first videos read at once.
   */
  CompletionStage<List<WorkItem>> items(int slot, int limit);
}
