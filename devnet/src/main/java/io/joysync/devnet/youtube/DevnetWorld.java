package io.joysync.devnet.youtube;

import io.joysync.devnet.youtube.DevnetSeed.ChannelSeed;
import io.joysync.devnet.youtube.DevnetSeed.CreatorSeed;
import io.joysync.devnet.youtube.DevnetSeed.VideoSeed;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of the simulated YouTube: Google accounts, channels and their uploads. All access is
 * synchronized on the world; every read returns an immutable snapshot, so routes never see a
 * half-applied upload. New uploads, edits and deletions made through the admin API bump the
 * channel's feed version, which is what RSS ETags are derived from; a terminated channel is gone.
 */
final class DevnetWorld {

  record Creator(String sub, String email, String channelId, boolean suspended) {}

  record Channel(
      String id,
      String creatorSub,
      String title,
      String description,
      String handle,
      Instant publishedAt,
      long subscribers,
      long views,
      int feedVersion,
      Instant feedUpdatedAt) {
    String uploadsPlaylistId() {
      return "UU" + id.substring(2);
    }
  }

  record Video(
      String id,
      String channelId,
      String title,
      String description,
      Instant publishedAt,
      int durationSeconds,
      VideoKind kind,
      long views,
      int clipIndex,
      Instant updatedAt) {

    Video edited(String newTitle, String newDescription, VideoKind newKind, Instant at) {
      return new Video(
          id,
          channelId,
          newTitle,
          newDescription,
          publishedAt,
          durationSeconds,
          newKind,
          views,
          clipIndex,
          at);
    }
  }

  private final Clock clock;
  private final int clipCount;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Creator> creatorsBySub = new HashMap<>();
  private final Map<String, Channel> channels = new HashMap<>();
  private final Map<String, Video> videos = new HashMap<>();
  private final Map<String, List<String>> uploadsNewestFirst = new HashMap<>();

  DevnetWorld(DevnetSeed seed, Clock clock, int clipCount) {
    this.clock = clock;
    this.clipCount = clipCount;
    Instant now = clock.instant();
    for (CreatorSeed creator : seed.creators()) {
      ChannelSeed channel = creator.channel();
      creatorsBySub.put(
          creator.sub(),
          new Creator(
              creator.sub(),
              creator.email(),
              channel == null ? null : channel.channelId(),
              creator.suspended()));
      if (channel == null) {
        continue;
      }
      channels.put(
          channel.channelId(),
          new Channel(
              channel.channelId(),
              creator.sub(),
              channel.title(),
              "The devnet channel of " + channel.title(),
              channel.handle(),
              now.minus(Duration.ofDays(channel.ageDays())),
              channel.subscribers(),
              channel.subscribers() * 37,
              1,
              now));
      List<Video> list = new ArrayList<>();
      int index = 0;
      for (VideoSeed v : channel.videos()) {
        list.add(
            new Video(
                v.videoId(),
                channel.channelId(),
                v.title(),
                "Description of " + v.title(),
                now.minus(Duration.ofHours(v.ageHours())),
                v.durationSeconds(),
                v.kind(),
                1_000L + index * 17L,
                index % clipCount,
                now.minus(Duration.ofHours(v.ageHours()))));
        index++;
      }
      list.sort(Comparator.comparing(Video::publishedAt).reversed());
      List<String> ids = new ArrayList<>();
      for (Video v : list) {
        videos.put(v.id(), v);
        ids.add(v.id());
      }
      uploadsNewestFirst.put(channel.channelId(), ids);
    }
  }

  synchronized Optional<Creator> creator(String sub) {
    return Optional.ofNullable(creatorsBySub.get(sub));
  }

  synchronized Optional<Creator> creatorByEmail(String email) {
    return creatorsBySub.values().stream()
        .filter(c -> c.email().equalsIgnoreCase(email))
        .findFirst();
  }

  synchronized Optional<Channel> channel(String id) {
    return Optional.ofNullable(channels.get(id));
  }

  /** YouTube matches handles without case and with or without the leading {@code @}. */
  synchronized Optional<Channel> channelByHandle(String handle) {
    String wanted = handle.startsWith("@") ? handle : "@" + handle;
    return channels.values().stream()
        .filter(c -> c.handle() != null && c.handle().equalsIgnoreCase(wanted))
        .findFirst();
  }

  synchronized Optional<Channel> channelByUploads(String playlistId) {
    if (playlistId == null || !playlistId.startsWith("UU") || playlistId.length() != 24) {
      return Optional.empty();
    }
    return channel("UC" + playlistId.substring(2));
  }

  synchronized Optional<Video> video(String id) {
    return Optional.ofNullable(videos.get(id));
  }

  /** Uploads of a channel, newest first, including private ones (callers filter by viewer). */
  synchronized List<Video> uploads(String channelId) {
    return uploadsNewestFirst.getOrDefault(channelId, List.of()).stream().map(videos::get).toList();
  }

  synchronized long videoCount(String channelId) {
    return uploads(channelId).stream()
        .filter(v -> v.kind().privacyStatus().equals("public"))
        .count();
  }

  /** Publishes a new upload now; the feed version moves so that conditional GETs see a change. */
  synchronized Video publish(String channelId, String title, VideoKind kind) {
    int clipIndex = videos.size() % clipCount;
    Channel channel = channels.get(channelId);
    if (channel == null) {
      throw new IllegalArgumentException("unknown channel " + channelId);
    }
    String id;
    do {
      byte[] bytes = new byte[8];
      random.nextBytes(bytes);
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 11);
    } while (videos.containsKey(id));
    Instant now = clock.instant();
    Video video =
        new Video(
            id, channelId, title, "Description of " + title, now, 90, kind, 0, clipIndex, now);
    videos.put(id, video);
    List<String> ids = new ArrayList<>(uploadsNewestFirst.getOrDefault(channelId, List.of()));
    ids.add(0, id);
    uploadsNewestFirst.put(channelId, ids);
    feedChanged(channel, now);
    return video;
  }

  /**
   * The creator edits a video's title, description or visibility (a premiere ends, processing
   * finishes, a private video is made public); the feed moves.
   */
  synchronized Optional<Video> edit(
      String videoId,
      Optional<String> title,
      Optional<String> description,
      Optional<VideoKind> kind) {
    Video video = videos.get(videoId);
    if (video == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Video edited =
        video.edited(
            title.orElse(video.title()),
            description.orElse(video.description()),
            kind.orElse(video.kind()),
            now);
    videos.put(videoId, edited);
    feedChanged(channels.get(video.channelId()), now);
    return Optional.of(edited);
  }

  /** The creator deletes a video: gone from the Data API, the uploads and the feed. */
  synchronized Optional<Video> delete(String videoId) {
    Video video = videos.remove(videoId);
    if (video == null) {
      return Optional.empty();
    }
    List<String> ids =
        new ArrayList<>(uploadsNewestFirst.getOrDefault(video.channelId(), List.of()));
    ids.remove(videoId);
    uploadsNewestFirst.put(video.channelId(), ids);
    feedChanged(channels.get(video.channelId()), clock.instant());
    return Optional.of(video);
  }

  /**
   * YouTube terminates a channel: its account reads as suspended, the channel and its videos
   * disappear from the Data API, and its feed answers 404.
   */
  synchronized boolean terminate(String channelId) {
    Channel channel = channels.remove(channelId);
    if (channel == null) {
      return false;
    }
    Creator creator = creatorsBySub.get(channel.creatorSub());
    if (creator != null) {
      creatorsBySub.put(
          creator.sub(), new Creator(creator.sub(), creator.email(), creator.channelId(), true));
    }
    uploadsNewestFirst.getOrDefault(channelId, List.of()).forEach(videos::remove);
    uploadsNewestFirst.remove(channelId);
    return true;
  }

  /** The channel gains or loses subscribers (its feed does not change). */
  synchronized boolean setSubscribers(String channelId, long subscribers) {
    Channel c = channels.get(channelId);
    if (c == null) {
      return false;
    }
    channels.put(
        channelId,
        new Channel(
            c.id(),
            c.creatorSub(),
            c.title(),
            c.description(),
            c.handle(),
            c.publishedAt(),
            subscribers,
            c.views(),
            c.feedVersion(),
            c.feedUpdatedAt()));
    return true;
  }

  synchronized int channelCount() {
    return channels.size();
  }

  private void feedChanged(Channel channel, Instant now) {
    if (channel == null) {
      return;
    }
    channels.put(
        channel.id(),
        new Channel(
            channel.id(),
            channel.creatorSub(),
            channel.title(),
            channel.description(),
            channel.handle(),
            channel.publishedAt(),
            channel.subscribers(),
            channel.views(),
            channel.feedVersion() + 1,
            now));
  }

  String randomToken(String prefix) {
    byte[] bytes = new byte[24];
    synchronized (random) {
      random.nextBytes(bytes);
    }
    return prefix + HexFormat.of().formatHex(bytes);
  }

  Instant now() {
    return clock.instant();
  }
}
