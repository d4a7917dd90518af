package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.joysync.engine.link.JoystreamLinks;
import io.joysync.engine.pipeline.SyncEstimate;
import io.joysync.engine.pipeline.UploadRate;
import io.joysync.engine.video.VideoEntity;
import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.ChannelRow;
import io.joysync.persistence.readside.VideoReadModel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Public channel queries (youtube-synch endpoints 3 to 6 and 17): recent channels, unverified
 * channels, referrals and the top referrers from the read side, without waking an entity; one
 * channel by its Joystream id from its link and its entity, so that a creator who just signed up or
 * changed a switch sees it at once, with its backlog (the videos not yet on Joystream).
 */
public final class ChannelQueryRoutes {

  static final int RECENT_LIMIT = 30;

  /** A guard against answering with an unbounded list; youtube-synch had no limit at all. */
  static final int UNVERIFIED_LIMIT = 10_000;

  private final ChannelReadModel channels;
  private final JoystreamLinks links;
  private final VideoReadModel videos;
  private final TopReferrers topReferrers;
  private final Clock clock;

  public ChannelQueryRoutes(
      ChannelReadModel channels,
      JoystreamLinks links,
      VideoReadModel videos,
      TopReferrers topReferrers,
      Clock clock) {
    this.channels = channels;
    this.links = links;
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
    return links
        .linkedChannel(id)
        .thenCompose(
            found -> {
              JoystreamLinks.LinkedChannel channel =
                  found.orElseThrow(
                      () ->
                          ApiException.notFound(
                              "CHANNEL_NOT_FOUND", "Could not find channel with id " + id));
              ChannelRow row = ChannelRow.of(channel.youtubeChannelId(), channel.state());
              return syncStatus(row).thenApply(status -> ChannelDto.of(row, status));
            });
  }

  /** The channel's backlog and when it should be synced ({@link SyncEstimate}). */
  private CompletionStage<ChannelDto.SyncStatus> syncStatus(ChannelRow row) {
    List<String> tags = VideoEntity.tags();
    CompletableFuture<Long> backlog = videos.backlog(row.channelId()).toCompletableFuture();
    CompletableFuture<Long> total = videos.syncBacklog(tags).toCompletableFuture();
    CompletableFuture<Long> active = videos.activeChannels(tags).toCompletableFuture();
    CompletableFuture<UploadRate> rate =
        videos.uploadRate(tags, clock.instant()).toCompletableFuture();
    return CompletableFuture.allOf(backlog, total, active, rate)
        .thenApply(
            done -> {
              SyncEstimate e =
                  SyncEstimate.of(
                      backlog.join(), row.limits(), total.join(), active.join(), rate.join());
              return new ChannelDto.SyncStatus(
                  backlog.join(), e.fullSyncEta(), e.placeInSyncQueue());
            });
  }

  private CompletionStage<List<ChannelDto.Referral>> referrals(String raw) {
    long id = JoystreamIds.parse(raw);
    return channels
        .referrals(id)
        .thenApply(rows -> rows.stream().map(ChannelDto.Referral::of).toList());
  }
}
