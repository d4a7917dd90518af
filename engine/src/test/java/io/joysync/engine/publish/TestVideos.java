package io.joysync.engine.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.joystream.content.ContentId;
import io.joysync.joystream.content.VideoFacts;
import io.joysync.joystream.content.YoutubeLicense;
import io.joysync.joystream.crypto.Blake2b;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Videos and settings for the publishing tests. */
final class TestVideos {
  private TestVideos() {}

  /** A fresh YouTube id, so that no two tests share a video. */
  static String freshId() {
    return "yt-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static VideoToCreate video(String ytVideoId, long channelId) {
    return video(ytVideoId, channelId, 1_000_000);
  }

  static VideoToCreate video(String ytVideoId, long channelId, long mediaBytes) {
    VideoFacts facts =
        new VideoFacts(
            ytVideoId,
            "Video " + ytVideoId,
            "A video synced by joysync's tests",
            61,
            1280,
            720,
            "h264",
            "mp4",
            "en",
            "1",
            YoutubeLicense.STANDARD,
            Instant.parse("2024-05-01T10:00:00Z"),
            false,
            0,
            1);
    return new VideoToCreate(
        ytVideoId,
        channelId,
        facts,
        new AssetFacts(mediaBytes, contentId(ytVideoId + "/media")),
        new AssetFacts(12_345, contentId(ytVideoId + "/thumbnail")));
  }

  static String contentId(String seed) {
    return ContentId.fromDigest(Blake2b.hash256(seed.getBytes(StandardCharsets.UTF_8))).value();
  }

  /** The defaults of publishing.conf with the given overrides (HOCON under joysync.publishing). */
  static PublishingSettings settings(String overrides) {
    Config c =
        ConfigFactory.parseString("joysync.publishing {" + overrides + "}")
            .withFallback(ConfigFactory.parseResources("joysync/publishing.conf"))
            .resolve();
    return PublishingSettings.from(c);
  }
}
