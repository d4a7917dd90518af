package io.joysync.engine.discovery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * What the chain watch reads and keeps (in Cassandra): the last finalized block it processed, the
 * YouTube channels in the program that a Joystream channel serves, and the YouTube video behind a
 * Joystream video joysync created. Lookups are read-side tables, so no entity is woken to learn
 * that an event concerns nobody.
 */
public interface ChainWatchStore {

  /** A processed finalized block. */
  record Position(long number, String hash) {}

  /** A video joysync tracks, by its Joystream id. */
  record VideoOnChain(String channelId, String videoId, Optional<String> state) {}

  CompletionStage<Optional<Position>> position();

  CompletionStage<Done> savePosition(Position position);

  /** YouTube channels in the program (not opted out) linked to the Joystream channel. */
  CompletionStage<List<String>> channelsOf(long joystreamChannelId);

  CompletionStage<Optional<VideoOnChain>> videoOf(long joystreamVideoId);
}
