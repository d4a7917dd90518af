package io.joysync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.ChannelLookup;
import org.junit.jupiter.api.Test;

/** What {@code POST /channels/unauthorized} accepts, and the sentences it answers otherwise. */
class UnauthorizedChannelRequestTest {

  private static final String ID = "UC" + "abcdefghijklmnopqrstuv";

  @Test
  void anIdOrAUrlWithDefaultsFromConfiguration() {
    var byId =
        UnauthorizedChannelRequest.parse(
            "{\"ytChannelId\":\"" + ID + "\",\"joystreamChannelId\":7}", "868-2");
    var byUrl =
        UnauthorizedChannelRequest.parse(
            "{\"channelUrl\":\"youtube.com/@SomeOne\",\"joystreamChannelId\":0,"
                + "\"videosLimit\":1000,\"videoCategoryId\":\"cat-1\"}",
            "868-2");

    assertThat(byId)
        .isEqualTo(new UnauthorizedChannelRequest(new ChannelLookup.ById(ID), 7, 50, "868-2"));
    assertThat(byUrl)
        .isEqualTo(
            new UnauthorizedChannelRequest(
                new ChannelLookup.ByHandle("@SomeOne"), 0, 1000, "cat-1"));
  }

  @Test
  void everyProblemIsNamedInOneBadRequest() {
    assertThatThrownBy(
            () ->
                UnauthorizedChannelRequest.parse(
                    "{\"ytChannelId\":\""
                        + ID
                        + "\",\"channelUrl\":\"youtube.com/@x\","
                        + "\"joystreamChannelId\":-1,\"videosLimit\":0,\"videoCategoryId\":5}",
                    "868-2"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status().intValue()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("INVALID_BODY");
              assertThat(e.messages())
                  .containsExactly(
                      "Exactly one of body.ytChannelId and body.channelUrl must be given",
                      "body.joystreamChannelId must be between 0 and " + JoystreamIds.MAX,
                      "body.videosLimit must be a whole number from 1 to 1000",
                      "body.videoCategoryId must be a string");
            });
    assertThatThrownBy(() -> UnauthorizedChannelRequest.parse("{\"joystreamChannelId\":1", "868-2"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_JSON"));
    assertThatThrownBy(
            () ->
                UnauthorizedChannelRequest.parse(
                    "{\"channelUrl\":\"https://vimeo.com/@x\",\"joystreamChannelId\":1}", "868-2"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.messages().get(0)).startsWith("body.channelUrl must be"));
  }
}
