package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.VideoReadModel;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /users/:userId/videos} (youtube-synch endpoint 18): every video record of the first
 * channel the Google account signed up, from the read side.
 */
public final class UserVideosRoutes {

  /** Google account ids are digits; operator-added channels use {@code UnauthorizedUser-<id>}. */
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final ChannelReadModel channels;
  private final VideoReadModel videos;

  public UserVideosRoutes(ChannelReadModel channels, VideoReadModel videos) {
    this.channels = channels;
    this.videos = videos;
  }

  public Route route() {
    return path(
        PathMatchers.segment("users").slash(PathMatchers.segment()).slash("videos"),
        userId ->
            get(
                () ->
                    onSuccess(
                        videosOf(userId),
                        list -> complete(StatusCodes.OK, list, Json.marshaller()))));
  }

  private CompletionStage<List<VideoDto>> videosOf(String userId) {
    if (!USER_ID.matcher(userId).matches()) {
      throw ApiException.badRequest(
          "INVALID_USER_ID",
          "The user id must be 1 to 128 letters, digits, '-' or '_'; got \""
              + (userId.length() > 40 ? userId.substring(0, 40) + "..." : userId)
              + "\".");
    }
    return channels
        .firstOfUser(userId)
        .thenCompose(
            channel ->
                videos.ofChannel(
                    channel
                        .orElseThrow(
                            () ->
                                ApiException.notFound(
                                    "CHANNEL_NOT_FOUND",
                                    "Could not find a channel of user " + userId))
                        .channelId()))
        .thenApply(rows -> rows.stream().map(VideoDto::of).toList());
  }
}
