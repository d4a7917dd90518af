package io.joysync.engine.channel;

import io.joysync.engine.channel.ChannelEntity.AdvanceVideo;
import io.joysync.engine.channel.ChannelEntity.State;
import io.joysync.engine.channel.ChannelEntity.TrackVideos;
import io.joysync.engine.channel.ChannelEntity.TrackedVideo;
import io.joysync.engine.channel.ChannelEntity.TrackedVideos;
import io.joysync.engine.video.JoystreamVideo;
import io.joysync.engine.video.VideoFacts;
import io.joysync.engine.video.VideoRecord;
import io.joysync.engine.video.VideoState;
import io.joysync.engine.video.VideoTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a channel answers the pipeline about its videos: which found videos it starts tracking, and
 * whether a video may take a step. Each decision is the event to persist with the reply, the reply
 * alone (nothing to change), or the sentence of a refusal; {@link ChannelEntity} turns it into an
 * effect. Kept apart from the entity's YPP handling, which does not touch videos.
 */
final class VideoSteps {

  /** What the channel does about a command: persist and reply, only reply, or refuse. */
  sealed interface Decision<R> {
    record Persist<R>(ChannelEntity.Event event, R reply) implements Decision<R> {}

    record Answer<R>(R reply) implements Decision<R> {}

    record Refuse<R>(String why) implements Decision<R> {}
  }

  private VideoSteps() {}

  /** New videos are tracked in state {@code New}; videos already tracked are named as such. */
  static Decision<TrackedVideos> track(String channelId, State state, TrackVideos c) {
    if (c.videos().size() > ChannelEntity.MAX_VIDEOS_PER_TRACK) {
      return new Decision.Refuse<>(
          "At most " + ChannelEntity.MAX_VIDEOS_PER_TRACK + " videos can be tracked at once");
    }
    Map<String, TrackedVideo> added = new LinkedHashMap<>();
    List<String> known = new ArrayList<>();
    for (VideoFacts facts : c.videos()) {
      if (state.videos().containsKey(facts.id()) || added.containsKey(facts.id())) {
        known.add(facts.id());
      } else {
        added.put(facts.id(), new TrackedVideo(facts, newRecord(state.channel(), facts, c.at())));
      }
    }
    TrackedVideos reply = new TrackedVideos(List.copyOf(added.keySet()), known);
    if (added.isEmpty()) {
      return new Decision.Answer<>(reply);
    }
    return new Decision.Persist<>(
        new ChannelEntity.VideosTracked(channelId, List.copyOf(added.values()), c.at()), reply);
  }

  /** A video starts with the channel's category and its Joystream channel's language of now. */
  private static VideoRecord newRecord(ChannelState channel, VideoFacts facts, Instant at) {
    return new VideoRecord(
        facts.id(),
        VideoState.NEW,
        channel.videoCategoryId().orElse(""),
        channel.registration().flatMap(Registration::joystreamChannelLanguage),
        facts.publishedAt(),
        facts.durationSeconds(),
        channel.isHistorical(facts.publishedAt()),
        Optional.empty(),
        0,
        at,
        at);
  }

  /**
   * A step that follows from the video's state is taken; one already taken is answered as done (but
   * a second, different Joystream video for a created one is refused); a historical video is not
   * created once the tier's size cap is reached.
   */
  static Decision<VideoRecord> advance(String channelId, State state, AdvanceVideo c) {
    Optional<VideoRecord> found = state.video(c.videoId());
    if (found.isEmpty()) {
      return new Decision.Refuse<>(
          "Video " + c.videoId() + " is not tracked for channel " + channelId);
    }
    VideoRecord video = found.get();
    VideoTransition step = c.step();
    if (video.state().equals(step.target())) {
      if (step instanceof VideoTransition.Created created
          && !video.joystreamVideo().map(created.video()::equals).orElse(false)) {
        return new Decision.Refuse<>(
            "Video "
                + c.videoId()
                + " was already created on Joystream as "
                + video.joystreamVideo().map(v -> "video " + v.id()).orElse("another"));
      }
      return new Decision.Answer<>(video);
    }
    Optional<String> refusal = step.refusal(c.videoId(), video.state());
    if (refusal.isPresent()) {
      return new Decision.Refuse<>(refusal.get());
    }
    ChannelState channel = state.channel();
    if (step instanceof VideoTransition.StartCreating
        && video.historical()
        && channel.hasSizeLimitReached()) {
      return new Decision.Refuse<>(
          "Channel "
              + channelId
              + " has reached the historical size cap of its tier ("
              + channel.status().limits().historicalSizeCap()
              + " bytes); video "
              + c.videoId()
              + " is historical and cannot be created.");
    }
    Optional<JoystreamVideo> onChain = Optional.empty();
    long size = 0;
    if (step instanceof VideoTransition.Created created) {
      onChain = Optional.of(created.video());
      size = created.sizeBytes();
    }
    VideoRecord next = video.advance(step.target(), onChain, size, c.at());
    long historicalBytes = video.historical() ? size : 0;
    return new Decision.Persist<>(
        new ChannelEntity.VideoAdvanced(channelId, next, step, historicalBytes), next);
  }
}
