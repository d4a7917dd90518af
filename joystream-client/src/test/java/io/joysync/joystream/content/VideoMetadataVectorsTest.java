package io.joysync.joystream.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.content.proto.ChannelMetadata;
import io.joysync.joystream.content.proto.MembershipMetadata;
import io.joysync.joystream.scale.Hex;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VideoMetadataVectorsTest {
  private final JsonNode protobuf = ReferenceVectors.root().get("protobuf");

  static VideoFacts referenceFacts() {
    return new VideoFacts(
        "dQw4w9WgXcQ",
        "Reference video",
        "Known-answer test vector.\nSecond line: ünïcödé ✓",
        125,
        1280,
        720,
        "h264",
        "mp4",
        "en",
        "4209396-2",
        YoutubeLicense.STANDARD,
        Instant.parse("2024-05-01T10:00:00Z"),
        null,
        0,
        1);
  }

  @Test
  void videoFactsGiveTheContentMetadataBytes() {
    assertThat(Hex.encode(referenceFacts().toContentMetadata().toByteArray()))
        .isEqualTo(protobuf.at("/contentMetadata/hex").asText());
  }

  @Test
  void youtubeIdGivesTheAppActionMetadataBytes() {
    assertThat(Hex.encode(referenceFacts().toAppActionMetadata().toByteArray()))
        .isEqualTo(protobuf.at("/appActionMetadata/hex").asText());
  }

  @Test
  void channelAndMembershipMetadataBytes() {
    ChannelMetadata channel =
        ChannelMetadata.newBuilder()
            .setTitle("Reference channel")
            .setDescription("Channel for test vectors")
            .setLanguage("en")
            .setIsPublic(true)
            .build();
    assertThat(Hex.encode(channel.toByteArray()))
        .isEqualTo(protobuf.at("/channelMetadata/hex").asText());
    MembershipMetadata member =
        MembershipMetadata.newBuilder()
            .setName("Reference Member")
            .setAbout("Member for test vectors")
            .build();
    assertThat(Hex.encode(member.toByteArray()))
        .isEqualTo(protobuf.at("/membershipMetadata/hex").asText());
  }

  @Test
  void mappingFollowsYoutubeSynchRules() {
    VideoFacts f =
        new VideoFacts(
            "abc",
            "t",
            null,
            null,
            null,
            null,
            "vp9",
            "webm",
            null,
            null,
            YoutubeLicense.fromApi("creativeCommon"),
            Instant.parse("2020-01-02T03:04:05.678901Z"),
            true,
            0,
            null);
    var m = f.toVideoMetadata();
    assertThat(m.getLicense().getCode()).isEqualTo(1002);
    assertThat(m.getMediaType().getMimeMediaType()).isEqualTo("video/webm");
    assertThat(m.getPublishedBeforeJoystream().getDate()).isEqualTo("2020-01-02T03:04:05.678Z");
    assertThat(m.getIsShort()).isTrue();
    assertThat(m.getIsPublic()).isTrue();
    assertThat(m.hasDuration()).isFalse();
    assertThat(m.hasThumbnailPhoto()).isFalse();
    assertThat(m.hasDescription()).isFalse();
    assertThat(YoutubeLicense.fromApi("youtube").joystreamCode()).isEqualTo(1009);
    assertThat(MediaTypes.mimeOfExtension("xyz")).isEqualTo("unknown");
    assertThat(MediaTypes.mimeOfExtension(".MKV")).isEqualTo("video/x-matroska");
  }

  @Test
  void impossibleFactsAreRejectedBeforeEncoding() {
    assertThatThrownBy(
            () ->
                new VideoFacts(
                    "id", "t", "d", -1, 1, 1, "h264", "mp4", "en", "1", null, null, null, 0, 1))
        .isInstanceOf(InvalidMetadataException.class)
        .hasMessage("Invalid metadata: durationSeconds is negative (-1)");
    assertThatThrownBy(
            () ->
                new VideoFacts(
                    "id", "t", "d", 1, 1, 1, "h264", "mp4", "english", "1", null, null, null, 0, 1))
        .isInstanceOf(InvalidMetadataException.class)
        .hasMessageContaining("ISO 639-1");
  }
}
