package io.joysync.devnet.youtube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The creators the YouTube devnet starts with. {@link #standard()} holds one creator for each path
 * joysync must handle at sign-up (a channel that passes the requirements with more than one page of
 * uploads and every kind of video youtube-synch tripped over, one that fails every requirement, a
 * Google account without a channel, a suspended account) so that tests and the demo need no setup.
 */
public record DevnetSeed(List<CreatorSeed> creators) {

  public DevnetSeed {
    creators = List.copyOf(creators);
  }

  /** A Google account; {@code channel} is null when the account has no YouTube channel. */
  public record CreatorSeed(String sub, String email, ChannelSeed channel, boolean suspended) {
    public CreatorSeed {
      Objects.requireNonNull(sub, "sub");
      Objects.requireNonNull(email, "email");
    }
  }

  public record ChannelSeed(
      String channelId,
      String title,
      String handle,
      long subscribers,
      int ageDays,
      List<VideoSeed> videos) {
    public ChannelSeed {
      videos = List.copyOf(videos);
      if (!channelId.startsWith("UC") || channelId.length() != 24) {
        throw new IllegalArgumentException("channel ids are UC + 22 characters: " + channelId);
      }
    }
  }

  public record VideoSeed(
      String videoId, String title, int ageHours, int durationSeconds, VideoKind kind) {
    public VideoSeed {
      if (videoId.length() != 11) {
        throw new IllegalArgumentException("video ids have 11 characters: " + videoId);
      }
    }
  }

  public static final String ALICE = "alice@example.com";
  public static final String BOB = "bob@example.com";
  public static final String CAROL = "carol@example.com";
  public static final String DAVE = "dave@example.com";

  public static DevnetSeed standard() {
    List<VideoSeed> alice = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      alice.add(
          video("alice", i, "Alice cooks, part " + (i + 1), 24 * (i * 7 + 1), VideoKind.PUBLIC));
    }
    VideoKind[] specials = {
      VideoKind.PRIVATE, VideoKind.LIVE, VideoKind.UPCOMING, VideoKind.AGE_RESTRICTED,
      VideoKind.PROCESSING, VideoKind.MEMBERS_ONLY, VideoKind.GEO_BLOCKED, VideoKind.UNAVAILABLE,
      VideoKind.EMPTY_MEDIA, VideoKind.NOT_A_VIDEO, VideoKind.UNLISTED
    };
    for (int i = 0; i < specials.length; i++) {
      alice.add(video("alice-special", i, "Special " + specials[i], 12 + i, specials[i]));
    }
    ChannelSeed aliceChannel =
        new ChannelSeed(channelId("alice"), "Alice Cooks", "@alicecooks", 1_200, 1_000, alice);
    ChannelSeed bobChannel =
        new ChannelSeed(
            channelId("bob"),
            "Bob Starts",
            "@bobstarts",
            10,
            5,
            List.of(video("bob", 0, "My first video", 2, VideoKind.PUBLIC)));
    return new DevnetSeed(
        List.of(
            new CreatorSeed("110000000000000000001", ALICE, aliceChannel, false),
            new CreatorSeed("110000000000000000002", BOB, bobChannel, false),
            new CreatorSeed("110000000000000000003", CAROL, null, false),
            new CreatorSeed(
                "110000000000000000004",
                DAVE,
                new ChannelSeed(
                    channelId("dave"),
                    "Dave Gone",
                    "@davegone",
                    5_000,
                    2_000,
                    List.of(video("dave", 0, "Old news", 500, VideoKind.PUBLIC))),
                true)));
  }

  /**
   * This seed plus {@code count} generated creators ({@code gen-<i>@example.com}), each with a
   * channel ({@link #generatedChannelId}) of one public upload, for benchmarks that watch many
   * channels.
   */
  public DevnetSeed withGeneratedChannels(int count) {
    List<CreatorSeed> all = new ArrayList<>(creators);
    for (int i = 0; i < count; i++) {
      String name = "gen-" + i;
      all.add(
          new CreatorSeed(
              String.format("2%020d", i),
              name + "@example.com",
              new ChannelSeed(
                  generatedChannelId(i),
                  "Generated " + i,
                  "@gen" + i,
                  100 + i % 1000,
                  400,
                  List.of(video(name, 0, "Generated upload " + i, 24 + i % 500, VideoKind.PUBLIC))),
              false));
    }
    return new DevnetSeed(all);
  }

  /** The channel id of the i-th generated creator. */
  public static String generatedChannelId(int i) {
    return channelId("gen-" + i);
  }

  /** A deterministic UC channel id derived from a name. */
  public static String channelId(String name) {
    return "UC" + digest("channel:" + name).substring(0, 22);
  }

  /** A deterministic 11-character video id, the {@code index}-th of {@code owner}'s uploads. */
  public static String videoId(String owner, int index) {
    return digest("video:" + owner + ":" + index).substring(0, 11);
  }

  private static VideoSeed video(
      String owner, int index, String title, int ageHours, VideoKind kind) {
    String id = videoId(owner, index);
    return new VideoSeed(id, title, ageHours, 60 + index * 13 % 900, kind);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
