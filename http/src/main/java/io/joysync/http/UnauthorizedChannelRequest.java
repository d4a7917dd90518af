package io.joysync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.engine.youtube.ChannelLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The body of {@code POST /channels/unauthorized}, validated whole: exactly one of {@code
 * ytChannelId} and {@code channelUrl} (a channel page URL), the Joystream channel, how many of the
 * latest uploads to track (1 to {@link #MAX_VIDEOS_LIMIT}, the largest tier's cap, default {@value
 * #DEFAULT_VIDEOS_LIMIT}) and the video category (default from configuration). Every problem gets
 * its own sentence in one 400.
 */
record UnauthorizedChannelRequest(
    ChannelLookup channel, long joystreamChannelId, int videosLimit, String videoCategoryId) {

  static final int DEFAULT_VIDEOS_LIMIT = 50;

  UnauthorizedChannels.Request toRequest() {
    return new UnauthorizedChannels.Request(
        channel, joystreamChannelId, videosLimit, videoCategoryId);
  }

  /** The most uploads one request tracks: the initial ingestion of the largest tier. */
  static final int MAX_VIDEOS_LIMIT = Tier.DIAMOND.videoCap();

  static UnauthorizedChannelRequest parse(String body, String defaultCategory) {
    JsonNode root = Json.parse(body);
    if (!root.isObject()) {
      throw ApiException.badRequest("INVALID_BODY", "The body must be an object");
    }
    List<String> problems = new ArrayList<>();
    Optional<ChannelLookup> channel = channel(root, problems);
    Optional<Long> joystreamId = BatchBody.joystreamId(root, "body", problems);
    int limit = DEFAULT_VIDEOS_LIMIT;
    JsonNode n = root.get("videosLimit");
    if (n != null && !n.isNull()) {
      if (!n.canConvertToExactIntegral() || n.asLong() < 1 || n.asLong() > MAX_VIDEOS_LIMIT) {
        problems.add("body.videosLimit must be a whole number from 1 to " + MAX_VIDEOS_LIMIT);
      } else {
        limit = n.asInt();
      }
    }
    String category = defaultCategory;
    if (root.has("videoCategoryId") && !root.get("videoCategoryId").isNull()) {
      category = BatchBody.text(root, "videoCategoryId", 64, "body", problems).orElse(category);
    }
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_BODY", problems);
    }
    return new UnauthorizedChannelRequest(channel.get(), joystreamId.get(), limit, category);
  }

  private static Optional<ChannelLookup> channel(JsonNode root, List<String> problems) {
    boolean byId = root.hasNonNull("ytChannelId");
    boolean byUrl = root.hasNonNull("channelUrl");
    if (byId == byUrl) {
      problems.add("Exactly one of body.ytChannelId and body.channelUrl must be given");
      return Optional.empty();
    }
    JsonNode value = root.get(byId ? "ytChannelId" : "channelUrl");
    String text = value.isTextual() ? value.textValue().trim() : "";
    if (byId) {
      if (ChannelLookup.isChannelId(text)) {
        return Optional.of(new ChannelLookup.ById(text));
      }
      problems.add("body.ytChannelId must be a YouTube channel id: UC followed by 22 characters");
      return Optional.empty();
    }
    Optional<ChannelLookup> fromUrl = ChannelLookup.fromUrl(text);
    if (fromUrl.isEmpty()) {
      problems.add(
          "body.channelUrl must be a YouTube channel URL: youtube.com/channel/UC... or"
              + " youtube.com/@handle");
    }
    return fromUrl;
  }
}
