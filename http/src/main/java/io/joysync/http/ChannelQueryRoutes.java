package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.ChannelRow;
import io.joysync.persistence.readside.VideoReadModel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Public channel queries answered from the read side (youtube-synch endpoints 3 to 6 and 17):
 * recent channels, unverified channels, one channel by its Joystream id, its referrals, and the top
 * referrers. None of them wakes an entity. One channel comes with its backlog: the videos not yet
 * on Joystream.
 */
public final class ChannelQueryRoutes {

  static final int RECENT_LIMIT = 30;

  /** A guard against answering with an unbounded list; youtube-synch had no limit at all. */
  static final int UNVERIFIED_LIMIT = 10_000;

  private final ChannelReadModel channels;
  private final VideoReadModel videos;
  private final TopReferrers topReferrers;
  private final Clock clock;

  public ChannelQueryRoutes(
      ChannelReadModel channels, VideoReadModel videos, TopReferrers topReferrers, Clock clock) {
    this.channels = channels;
    this.videos = videos;
    this.topReferrers = topReferrers;
    this.clock = clock;
  }

  public Route route() {
    return concat(
        pathPrefix(
            "channels",
            () ->
                concat(
                    pathEnd(() -> get(() -> json(recent()))),
                    path("unverified", () -> get(() -> json(unverified()))),
                    path(PathMatchers.segment(), raw -> get(() -> json(byJoystreamId(raw)))),
                    path(
                        PathMatchers.segment().slash("referrals"),
                        raw -> get(() -> json(referrals(raw)))))),
        path(
            PathMatchers.segment("referrers").slash("top-referrers"),
            () -> get(() -> json(topReferrers.get()))));
  }

  private static <T> Route json(CompletionStage<T> value) {
    return onSuccess(value, v -> complete(StatusCodes.OK, v, Json.marshaller()));
  }

  private CompletionStage<List<ChannelDto>> recent() {
    return channels
        .recent(RECENT_LIMIT, clock.instant())
        .thenApply(rows -> rows.stream().map(ChannelDto::of).toList());
  }

  private CompletionStage<List<ChannelDto>> unverified() {
    return channels
        .unverified(UNVERIFIED_LIMIT, clock.instant())
        .thenApply(rows -> rows.stream().map(ChannelDto::of).toList());
  }

  private CompletionStage<ChannelDto> byJoystreamId(String raw) {
    long id = JoystreamIds.parse(raw);
    return channels
        .byJoystreamChannelId(id)
        .thenCompose(
            found -> {
              ChannelRow row =
                  found.orElseThrow(
                      () ->
                          ApiException.notFound(
                              "CHANNEL_NOT_FOUND", "Could not find channel with id " + id));
              return videos
                  .backlog(row.channelId())
                  .thenApply(backlog -> ChannelDto.of(row, backlog));
            });
  }

  private CompletionStage<List<ChannelDto.Referral>> referrals(String raw) {
    long id = JoystreamIds.parse(raw);
    return channels
        .referrals(id)
        .thenApply(rows -> rows.stream().map(ChannelDto.Referral::of).toList());
  }
}
