package io.joysync.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.engine.video.VideoFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Long lists of found videos travel in commands within the count and size limits, in order. */
class VideoTrackingTest {

  private static VideoFacts video(int i, int descriptionLength) {
    return new VideoFacts(
        "v" + i,
        "Video " + i,
        "d".repeat(descriptionLength),
        0,
        Map.of("medium", "https://i.example/v" + i + "/mqdefault.jpg"),
        60,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void shortVideosArePartedByCount() {
    List<VideoFacts> videos = IntStream.range(0, 120).mapToObj(i -> video(i, 10)).toList();

    List<List<VideoFacts>> parts = VideoTracking.parts(videos);

    assertThat(parts).extracting(List::size).containsExactly(50, 50, 20);
    assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(videos);
  }

  @Test
  void longDescriptionsArePartedBySizeAndAnOversizedVideoTravelsAlone() {
    List<VideoFacts> videos =
        List.of(video(0, 5000), video(1, 5000), video(2, 5000), video(3, 5000), video(4, 40_000));

    List<List<VideoFacts>> parts = VideoTracking.parts(videos);

    assertThat(parts).extracting(List::size).containsExactly(4, 1);
    assertThat(VideoTracking.parts(List.of())).isEmpty();
  }
}
