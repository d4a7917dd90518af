package io.joysync.engine.channel;

import io.joysync.engine.video.VideoFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Tracks any number of found videos on a channel in {@link ChannelEntity.TrackVideos} commands
 * small enough to travel between nodes (whose messages are limited to a few hundred KiB): at most
 * {@link ChannelEntity#MAX_VIDEOS_PER_TRACK} videos and about {@link #MAX_BYTES_PER_COMMAND} bytes
 * of text each, sent one after the other. A failure part-way leaves the earlier parts tracked; a
 * repeat tracks only what is still missing.
 */
public final class VideoTracking {

  /** The text one command may carry at most, counting three bytes a character. */
  static final int MAX_BYTES_PER_COMMAND = 96 * 1024;

  private VideoTracking() {}

  public static CompletionStage<ChannelEntity.TrackedVideos> track(
      EntityRef<ChannelEntity.Command> channel,
      List<VideoFacts> videos,
      Instant at,
      Duration timeout) {
    CompletionStage<ChannelEntity.TrackedVideos> done =
        CompletableFuture.completedFuture(new ChannelEntity.TrackedVideos(List.of(), List.of()));
    for (List<VideoFacts> part : parts(videos)) {
      done =
          done.thenCompose(
              sofar ->
                  channel
                      .<ChannelEntity.TrackedVideos>askWithStatus(
                          reply -> new ChannelEntity.TrackVideos(part, at, reply), timeout)
                      .thenApply(next -> merge(sofar, next)));
    }
    return done;
  }

  /** Splits the videos, in order, into parts within the count and size limits of one command. */
  static List<List<VideoFacts>> parts(List<VideoFacts> videos) {
    List<List<VideoFacts>> parts = new ArrayList<>();
    List<VideoFacts> current = new ArrayList<>();
    long bytes = 0;
    for (VideoFacts v : videos) {
      long size = estimatedBytes(v);
      if (!current.isEmpty()
          && (current.size() == ChannelEntity.MAX_VIDEOS_PER_TRACK
              || bytes + size > MAX_BYTES_PER_COMMAND)) {
        parts.add(List.copyOf(current));
        current.clear();
        bytes = 0;
      }
      current.add(v);
      bytes += size;
    }
    if (!current.isEmpty()) {
      parts.add(List.copyOf(current));
    }
    return parts;
  }

  private static long estimatedBytes(VideoFacts v) {
    long chars = v.id().length() + v.title().length() + v.description().length();
    for (String url : v.thumbnails().values()) {
      chars += url.length() + 16;
    }
    return 3 * chars + 256;
  }

  private static ChannelEntity.TrackedVideos merge(
      ChannelEntity.TrackedVideos a, ChannelEntity.TrackedVideos b) {
    List<String> added = new ArrayList<>(a.added());
    added.addAll(b.added());
    List<String> known = new ArrayList<>(a.alreadyTracked());
    known.addAll(b.alreadyTracked());
    return new ChannelEntity.TrackedVideos(added, known);
  }
}
