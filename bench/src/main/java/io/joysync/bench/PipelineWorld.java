package io.joysync.bench;

import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.DevnetSeed.ChannelSeed;
import io.joysync.devnet.youtube.DevnetSeed.CreatorSeed;
import io.joysync.devnet.youtube.DevnetSeed.VideoSeed;
import io.joysync.devnet.youtube.VideoKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The creators of the pipeline benchmark and the Joystream channels they link: two creators whose
 * new uploads are timed (latency, one for each discovery mode), one with a large back catalogue and
 * a few small ones that sign up while it syncs (fairness). Each links a Joystream channel of its
 * own on which the devnet's collaborator member 1 may add videos. Everything is derived from names,
 * so two runs see the same world.
 */
final class PipelineWorld {

  /** One benchmark creator: its Google account, channel and the public uploads it starts with. */
  record Creator(
      String account,
      String sub,
      String channelId,
      long joystreamChannelId,
      List<VideoSeed> videos) {
    List<String> videoIds() {
      return videos.stream().map(VideoSeed::videoId).toList();
    }
  }

  final Creator latency;
  final Creator latencyPolling;
  final Creator big;
  final List<Creator> small;

  PipelineWorld(int bigCatalogue, int smallChannels, int smallCatalogue) {
    long joystreamChannel = 1;
    latency = creator("latency", 0, joystreamChannel++, 3, 0);
    latencyPolling = creator("latency-polling", 1, joystreamChannel++, 2, 0);
    big = creator("big", 2, joystreamChannel++, bigCatalogue, 0);
    List<Creator> s = new ArrayList<>();
    for (int i = 0; i < smallChannels; i++) {
      s.add(creator("small-" + i, 3 + i, joystreamChannel++, smallCatalogue, i));
    }
    small = List.copyOf(s);
  }

  List<Creator> all() {
    List<Creator> all = new ArrayList<>(List.of(latency, latencyPolling, big));
    all.addAll(small);
    return all;
  }

  /** The YouTube devnet's creators: these only. */
  DevnetSeed seed() {
    return seed(all());
  }

  /** The YouTube devnet's creators: the given ones only. */
  static DevnetSeed seed(List<Creator> all) {
    List<CreatorSeed> creators = new ArrayList<>();
    for (Creator c : all) {
      creators.add(
          new CreatorSeed(
              c.sub(),
              c.account(),
              new ChannelSeed(
                  c.channelId(),
                  "Bench " + c.account(),
                  "@bench" + c.sub().substring(c.sub().length() - 3),
                  5_000,
                  400,
                  c.videos()),
              false));
    }
    return new DevnetSeed(creators);
  }

  /**
   * The Joystream devnet with 1 s blocks (as production's 6 s chain scaled to the devnet's
   * default), Orion one block behind and Colossus accepting after 2 s (its defaults), on free
   * ports, with one channel per creator, each letting collaborator member 1 add and manage videos.
   */
  DevnetSettings joystream() {
    return joystream(all());
  }

  /** The Joystream devnet as {@link #joystream()} builds it, for the given creators. */
  static DevnetSettings joystream(List<Creator> all) {
    List<Map<String, Object>> channels = new ArrayList<>();
    for (Creator c : all) {
      channels.add(
          Map.of(
              "owner",
              "alice",
              "title",
              "Bench channel " + c.joystreamChannelId(),
              "language",
              "en",
              "collaborators",
              List.of(
                  Map.of(
                      "member",
                      "joysync-collaborator-1",
                      "permissions",
                      List.of("AddVideo", "UpdateVideoMetadata", "ManageVideoAssets")))));
    }
    return DevnetSettings.forTests()
        .with("chain.block-interval", "1s")
        .with("orion.lag-blocks", 1)
        .with("colossus.accept-delay", "2s")
        .with("genesis.channels", channels);
  }

  private static Creator creator(
      String name, int index, long joystreamChannelId, int videos, int salt) {
    return creator(name, index, joystreamChannelId, videos, salt, i -> VideoKind.PUBLIC);
  }

  /** A creator whose {@code i}-th video is of the kind {@code kinds} gives it. */
  static Creator creator(
      String name,
      int index,
      long joystreamChannelId,
      int videos,
      int salt,
      IntFunction<VideoKind> kinds) {
    List<VideoSeed> list = new ArrayList<>();
    for (int i = 0; i < videos; i++) {
      // Published a day apart, going back from a week ago; durations 1 to 16 minutes.
      list.add(
          new VideoSeed(
              DevnetSeed.videoId("bench-" + name, i),
              "Bench " + name + " part " + (i + 1),
              24 * (7 + i) + salt,
              60 + (i * 37 + salt * 11) % 900,
              kinds.apply(i)));
    }
    return new Creator(
        name + "@bench.example.com",
        String.format("3%020d", index),
        DevnetSeed.channelId("bench-" + name),
        joystreamChannelId,
        List.copyOf(list));
  }
}
