package io.joysync.engine.pipeline;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.video.VideoState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The videos waiting for the pipeline that the queue clean-up looks at: from the work index, those
 * whose media is not on Joystream yet and that no step is under way for ({@link #STAGES}) of one
 * channel, or of every channel that syncs now (its entity asked once per channel, never per video).
 */
final class WaitingVideos {

  /**
   * Where a video waits with no step under way (youtube-synch's "unsynced" videos): nothing of it
   * on Joystream yet ({@code New}, {@code VideoCreationFailed}), or its Joystream video created
   * without its media accepted ({@code VideoCreated}, {@code UploadFailed}). A video being created
   * or uploaded ({@code CreatingVideo}, {@code UploadStarted}) is the pipeline's to finish.
   */
  static final Set<VideoState.Stage> STAGES =
      Set.of(
          VideoState.Stage.NEW,
          VideoState.Stage.VIDEO_CREATION_FAILED,
          VideoState.Stage.VIDEO_CREATED,
          VideoState.Stage.UPLOAD_FAILED);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final WorkIndex work;
  private final JoystreamLinks links;
  private final Duration timeout;

  WaitingVideos(ActorSystem<?> system, WorkIndex work, Duration timeout, Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.work = work;
    this.links = new JoystreamLinks(system, timeout, clock);
    this.timeout = timeout;
  }

  /** The YouTube channel id of a channel named by its YouTube or Joystream id; empty: unknown. */
  CompletionStage<Optional<String>> resolve(String channel) {
    if (channel.chars().allMatch(Character::isDigit) && channel.length() <= 18) {
      return links
          .linkedChannel(Long.parseLong(channel))
          .thenApply(linked -> linked.map(JoystreamLinks.LinkedChannel::youtubeChannelId));
    }
    return channelState(channel).thenApply(state -> state.map(s -> channel));
  }

  /**
   * The waiting videos of the channel, or of every channel that syncs now; at most {@code limit}
   * plus one are read from each slot, so the caller can tell there are more than it takes.
   */
  CompletionStage<List<WorkItem>> of(Optional<String> channel, int limit) {
    List<Integer> slots =
        channel
            .map(c -> List.of(WorkIndex.slotOf(c)))
            .orElseGet(() -> IntStream.range(0, WorkIndex.SLOTS).boxed().toList());
    List<CompletableFuture<List<WorkItem>>> reads =
        slots.stream().map(s -> work.items(s, limit + 1).toCompletableFuture()).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                reads.stream()
                    .flatMap(r -> r.join().stream())
                    .filter(i -> STAGES.contains(i.state().stage()))
                    .filter(i -> channel.map(i.channelId()::equals).orElse(true))
                    .toList())
        .thenCompose(
            items ->
                channel.isPresent()
                    ? CompletableFuture.completedFuture(items)
                    : ofSyncingChannels(items));
  }

  private CompletionStage<Optional<ChannelState>> channelState(String channelId) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, channelId)
        .ask(ChannelEntity.Get::new, timeout);
  }

  private CompletionStage<List<WorkItem>> ofSyncingChannels(List<WorkItem> items) {
    List<String> channels = items.stream().map(WorkItem::channelId).distinct().toList();
    return Source.from(channels)
        .mapAsyncUnordered(
            8,
            c ->
                channelState(c).thenApply(s -> Map.entry(c, s.filter(ChannelState::isSyncEnabled))))
        .runFold(
            new ArrayList<String>(),
            (kept, e) -> {
              e.getValue().ifPresent(s -> kept.add(e.getKey()));
              return kept;
            },
            system)
        .thenApply(syncing -> items.stream().filter(i -> syncing.contains(i.channelId())).toList());
  }
}
