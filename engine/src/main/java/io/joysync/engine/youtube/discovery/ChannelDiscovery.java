package io.joysync.engine.youtube.discovery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Quota-free discovery of new uploads. It emits "new video ids for channel X" from two sources: a
 * conditional RSS poll, and WebSub notifications, which are only hints (they arrive before the
 * feed, or for years-old videos) and are confirmed against the channel's feed before anything is
 * emitted. Ids joysync already tracks are never emitted again; the Data API is then used only for
 * the details of what is emitted.
 */
public final class ChannelDiscovery {

  /** What discovery produces. */
  public record NewVideos(String channelId, List<String> videoIds, Source source) {
    public NewVideos {
      videoIds = List.copyOf(videoIds);
    }
  }

  public enum Source {
    RSS,
    WEBSUB
  }

  /** The result of a poll: new ids if any, and the validators for the next conditional GET. */
  public record PollOutcome(Optional<NewVideos> newVideos, FeedValidators validators) {}

  /** Which of the given ids joysync already tracks for the channel. */
  @FunctionalInterface
  public interface KnownVideos {
    CompletionStage<Set<String>> known(String channelId, List<String> videoIds);
  }

  private final RssFeedReader rss;
  private final KnownVideos known;

  public ChannelDiscovery(RssFeedReader rss, KnownVideos known) {
    this.rss = rss;
    this.known = known;
  }

  public CompletionStage<PollOutcome> poll(String channelId, FeedValidators validators) {
    return rss.fetch(channelId, validators)
        .thenCompose(
            result -> {
              if (result instanceof FeedResult.Updated updated) {
                List<String> ids =
                    updated.entries().stream()
                        .filter(e -> e.channelId().equals(channelId))
                        .map(FeedEntry::videoId)
                        .toList();
                return unknown(channelId, ids, Source.RSS)
                    .thenApply(n -> new PollOutcome(n, updated.validators()));
              }
              return CompletableFuture.completedFuture(
                  new PollOutcome(Optional.empty(), validators));
            });
  }

  /**
   * Confirms the video ids of a verified notification against the channel's current feed; ids not
   * (yet) in the feed are dropped, to be found by a later poll if they are real.
   */
  public CompletionStage<Optional<NewVideos>> confirm(String channelId, List<String> hintedIds) {
    return rss.fetch(channelId, FeedValidators.NONE)
        .thenCompose(
            result -> {
              Set<String> inFeed = new LinkedHashSet<>();
              if (result instanceof FeedResult.Updated updated) {
                updated.entries().stream()
                    .filter(e -> e.channelId().equals(channelId))
                    .forEach(e -> inFeed.add(e.videoId()));
              }
              List<String> confirmed =
                  hintedIds.stream().distinct().filter(inFeed::contains).toList();
              return unknown(channelId, confirmed, Source.WEBSUB);
            });
  }

  private CompletionStage<Optional<NewVideos>> unknown(
      String channelId, List<String> ids, Source source) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return known
        .known(channelId, ids)
        .thenApply(
            knownIds -> {
              List<String> fresh = ids.stream().filter(id -> !knownIds.contains(id)).toList();
              return fresh.isEmpty()
                  ? Optional.<NewVideos>empty()
                  : Optional.of(new NewVideos(channelId, fresh, source));
            });
  }
}
