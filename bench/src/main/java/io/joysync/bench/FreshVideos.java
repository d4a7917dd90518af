package io.joysync.bench;

import io.joysync.engine.publish.AssetFacts;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.joystream.content.ContentIdHasher;
import io.joysync.joystream.content.VideoFacts;
import io.joysync.joystream.content.YoutubeLicense;
import java.time.Instant;
import java.util.Random;

/**
 * Fresh videos as the sync pipeline hands them to publishing: an 11-character YouTube id unique in
 * the run, a title and a description of a few hundred characters (about 1 KB of metadata once
 * signed as an app action, the size scale-and-faults section 1 weighs), and two assets (a 5-6 MB
 * media file and a 50 KB thumbnail as declared to the chain) whose content ids are real BLAKE3 ids
 * of small random byte arrays: nobody uploads them, and the chain does not look at the bytes.
 */
final class FreshVideos {
  private static final String DESCRIPTION =
      "Recorded for joysync's chain saturation benchmark. ".repeat(10).substring(0, 480);

  private final char prefix;
  private final Random random;
  private long next;

  /** Ids start with {@code prefix}, so that the modes of one run never share an id. */
  FreshVideos(char prefix, long seed) {
    this.prefix = prefix;
    this.random = new Random(seed);
  }

  VideoToCreate next(long channelId) {
    String id = prefix + String.format("%010d", ++next);
    VideoFacts facts =
        new VideoFacts(
            id,
            "Saturation video " + id,
            DESCRIPTION,
            600,
            1920,
            1080,
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
        id, channelId, facts, asset(5_000_000 + random.nextInt(1_000_000)), asset(50_000));
  }

  /** A content id from 32 random bytes, with the asset size the chain is told. */
  private AssetFacts asset(long size) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new AssetFacts(size, ContentIdHasher.of(bytes).contentId().value());
  }
}
