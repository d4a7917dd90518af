package io.joysync.devnet.youtube;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The devnet operator's switches, for tests and demos: faults ({@code GET/POST /admin/faults},
 * partial JSON merged into the current switches, {@code POST /admin/faults/reset}), authorization
 * codes for seeded accounts ({@code POST /admin/oauth/codes}), the tokens issued to an account
 * ({@code GET /admin/oauth/tokens?account=}), expiring access tokens, publishing a new upload,
 * editing or deleting one, terminating a channel (each moves the RSS feed and fires WebSub as
 * YouTube does), setting a channel's subscriber count ({@code POST
 * /admin/channels/<id>/subscribers?count=}), the devnet's own quota counter, WebSub deliveries,
 * subscriptions and counts, and the SOCKS5 proxies' modes.
 */
final class AdminApi extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DevnetWorld world;
  private final OAuthAuthority authority;
  private final DataApi dataApi;
  private final WebSubHub hub;
  private final MediaCatalog media;
  private final FaultSwitches faults;
  private final YoutubeFaults initialFaults;
  private final List<DevnetSocksProxy> proxies;

  AdminApi(
      DevnetWorld world,
      OAuthAuthority authority,
      DataApi dataApi,
      WebSubHub hub,
      MediaCatalog media,
      FaultSwitches faults,
      YoutubeFaults initialFaults,
      List<DevnetSocksProxy> proxies) {
    this.world = world;
    this.authority = authority;
    this.dataApi = dataApi;
    this.hub = hub;
    this.media = media;
    this.faults = faults;
    this.initialFaults = initialFaults;
    this.proxies = List.copyOf(proxies);
  }

  Route route() {
    return concat(
        path(
            "faults",
            () ->
                concat(
                    get(() -> reply(Reply.json(200, JSON.valueToTree(faults.get()).toString()))),
                    post(() -> entity(Unmarshaller.entityToString(), this::mergeFaults)))),
        path(
            segment("faults").slash("reset"),
            () ->
                post(
                    () -> {
                      faults.set(initialFaults);
                      return reply(Reply.json(200, JSON.valueToTree(faults.get()).toString()));
                    })),
        path(segment("oauth").slash("codes"), () -> post(() -> parameterMap(this::issueCode))),
        path(segment("oauth").slash("tokens"), () -> get(() -> parameterMap(this::issuedTokens))),
        path(
            segment("oauth").slash("expire-access-tokens"),
            () ->
                post(
                    () -> {
                      authority.expireAccessTokens();
                      return reply(Reply.json(200, "{}"));
                    })),
        path(
            segment("channels").slash(segment()).slash("videos"),
            channelId -> post(() -> parameterMap(p -> publish(channelId, p)))),
        path(
            segment("channels").slash(segment()).slash("videos").slash(segment()),
            (channelId, videoId) ->
                concat(
                    post(() -> parameterMap(p -> edit(channelId, videoId, p))),
                    delete(() -> delete(channelId, videoId)))),
        path(
            segment("channels").slash(segment()).slash("videos").slash(segment()).slash("notify"),
            (channelId, videoId) -> post(() -> parameterMap(p -> renotify(channelId, videoId, p)))),
        path(
            segment("channels").slash(segment()).slash("terminate"),
            channelId -> post(() -> terminate(channelId))),
        path(
            segment("channels").slash(segment()).slash("subscribers"),
            channelId -> post(() -> parameterMap(p -> subscribers(channelId, p)))),
        path(
            "quota",
            () ->
                get(
                    () ->
                        reply(
                            Reply.json(200, "{\"usedToday\":" + dataApi.quotaUsedToday() + "}")))),
        path(
            segment("websub").slash("deliveries"),
            () -> get(() -> reply(Reply.json(200, JSON.valueToTree(hub.deliveries()).toString())))),
        path(
            segment("websub").slash("subscriptions"),
            () ->
                get(
                    () ->
                        parameterOptional(
                            "channel_id",
                            channel ->
                                reply(
                                    Reply.json(
                                        200,
                                        JSON.valueToTree(hub.subscriptions(channel))
                                            .toString()))))),
        path(
            segment("websub").slash("stats"),
            () ->
                get(
                    () ->
                        reply(
                            Reply.json(
                                200,
                                JSON.createObjectNode()
                                    .put("subscriptions", hub.subscriptionCount())
                                    .put("verifications", hub.verifications())
                                    .toString())))),
        path("proxies", () -> get(() -> reply(Reply.json(200, proxiesJson().toString())))),
        path(
            segment("proxies").slash(integerSegment()),
            index -> post(() -> parameterMap(p -> proxyMode(index, p)))));
  }

  private Route mergeFaults(String body) {
    try {
      JsonNode patch = JSON.readTree(body);
      if (!(patch instanceof ObjectNode)) {
        return reply(
            Reply.json(400, "{\"error\":\"a JSON object of fault switches is expected\"}"));
      }
      ObjectNode merged = JSON.valueToTree(faults.get());
      merged.setAll((ObjectNode) patch);
      YoutubeFaults next = JSON.treeToValue(merged, YoutubeFaults.class);
      faults.set(next);
      return reply(Reply.json(200, JSON.valueToTree(next).toString()));
    } catch (Exception e) {
      ObjectNode error =
          JSON.createObjectNode()
              .put(
                  "error",
                  "invalid fault switches: " + e.getMessage().lines().findFirst().orElse(""));
      return reply(Reply.json(400, error.toString()));
    }
  }

  private Route issueCode(Map<String, String> params) {
    String account = params.getOrDefault("account", DevnetSeed.ALICE);
    var creator = world.creatorByEmail(account).or(() -> world.creator(account));
    if (creator.isEmpty()) {
      return reply(Reply.json(404, "{\"error\":\"unknown account\"}"));
    }
    String redirect = params.getOrDefault("redirect_uri", "http://127.0.0.1/oauth/callback");
    boolean offline = !"online".equals(params.get("access_type"));
    String code =
        authority.issueCode(
            creator.get().sub(), redirect, OAuthEndpoints.scopes(params.get("scope")), offline);
    return reply(
        Reply.json(
            200,
            JSON.createObjectNode().put("code", code).put("sub", creator.get().sub()).toString()));
  }

  /** The tokens the devnet has issued to one account, for tests that look for them at rest. */
  private Route issuedTokens(Map<String, String> params) {
    String account = params.getOrDefault("account", DevnetSeed.ALICE);
    var creator = world.creatorByEmail(account).or(() -> world.creator(account));
    if (creator.isEmpty()) {
      return reply(Reply.json(404, "{\"error\":\"unknown account\"}"));
    }
    OAuthAuthority.Issued issued = authority.issuedTo(creator.get().sub());
    ObjectNode body = JSON.createObjectNode().put("sub", creator.get().sub());
    ArrayNode access = body.putArray("accessTokens");
    issued.accessTokens().forEach(access::add);
    ArrayNode refresh = body.putArray("refreshTokens");
    issued.refreshTokens().forEach(refresh::add);
    return reply(Reply.json(200, body.toString()));
  }

  private Route publish(String channelId, Map<String, String> params) {
    VideoKind kind;
    try {
      kind = VideoKind.valueOf(params.getOrDefault("kind", "PUBLIC"));
    } catch (IllegalArgumentException e) {
      return reply(Reply.json(400, "{\"error\":\"unknown video kind\"}"));
    }
    if (world.channel(channelId).isEmpty()) {
      return reply(Reply.json(404, "{\"error\":\"unknown channel\"}"));
    }
    DevnetWorld.Video video =
        world.publish(channelId, params.getOrDefault("title", "New upload"), kind);
    if (kind.privacyStatus().equals("public")) {
      hub.publish(world.channel(channelId).orElseThrow(), video);
    }
    ObjectNode body =
        JSON.createObjectNode()
            .put("videoId", video.id())
            .put("mediaUrl", media.videoUrl(video.id()));
    return reply(Reply.json(200, body.toString()));
  }

  /**
   * The creator edits a video ({@code title}, {@code description}, {@code kind}: a premiere ends,
   * processing finishes, a private video is made public); the hub notifies subscribers when the
   * video is visible.
   */
  private Route edit(String channelId, String videoId, Map<String, String> params) {
    Optional<VideoKind> kind;
    try {
      kind = Optional.ofNullable(params.get("kind")).map(VideoKind::valueOf);
    } catch (IllegalArgumentException e) {
      return reply(Reply.json(400, "{\"error\":\"unknown video kind\"}"));
    }
    if (world.video(videoId).filter(v -> v.channelId().equals(channelId)).isEmpty()) {
      return reply(Reply.json(404, "{\"error\":\"unknown video\"}"));
    }
    DevnetWorld.Video edited =
        world
            .edit(
                videoId,
                Optional.ofNullable(params.get("title")),
                Optional.ofNullable(params.get("description")),
                kind)
            .orElseThrow();
    world
        .channel(channelId)
        .filter(c -> edited.kind().privacyStatus().equals("public"))
        .ifPresent(c -> hub.publish(c, edited));
    return reply(
        Reply.json(
            200,
            JSON.createObjectNode()
                .put("videoId", edited.id())
                .put("title", edited.title())
                .put("kind", edited.kind().name())
                .toString()));
  }

  /**
   * The hub delivers a video's notification again, {@code times} times (YouTube's hub repeats
   * notifications, sometimes many times).
   */
  private Route renotify(String channelId, String videoId, Map<String, String> params) {
    int times;
    try {
      times = Integer.parseInt(params.getOrDefault("times", "1"));
    } catch (NumberFormatException e) {
      return reply(Reply.json(400, "{\"error\":\"times is a number\"}"));
    }
    Optional<DevnetWorld.Video> video =
        world.video(videoId).filter(v -> v.channelId().equals(channelId));
    Optional<DevnetWorld.Channel> channel = world.channel(channelId);
    if (video.isEmpty() || channel.isEmpty() || times < 1 || times > 100) {
      return reply(Reply.json(404, "{\"error\":\"unknown video, or times not 1..100\"}"));
    }
    for (int i = 0; i < times; i++) {
      hub.publish(channel.get(), video.get());
    }
    return reply(Reply.json(200, JSON.createObjectNode().put("notified", times).toString()));
  }

  /** The creator deletes a video; the hub sends its tombstone. */
  private Route delete(String channelId, String videoId) {
    if (world.video(videoId).filter(v -> v.channelId().equals(channelId)).isEmpty()) {
      return reply(Reply.json(404, "{\"error\":\"unknown video\"}"));
    }
    world.delete(videoId);
    world.channel(channelId).ifPresent(c -> hub.publishDeletion(c, videoId));
    return reply(Reply.json(200, JSON.createObjectNode().put("videoId", videoId).toString()));
  }

  /** YouTube terminates the channel: feed 404, gone from the Data API, the account suspended. */
  private Route terminate(String channelId) {
    if (!world.terminate(channelId)) {
      return reply(Reply.json(404, "{\"error\":\"unknown channel\"}"));
    }
    return reply(Reply.json(200, JSON.createObjectNode().put("terminated", channelId).toString()));
  }

  /** The channel's subscriber count becomes {@code count} (what channels.list statistics say). */
  private Route subscribers(String channelId, Map<String, String> params) {
    long count;
    try {
      count = Long.parseLong(params.getOrDefault("count", ""));
    } catch (NumberFormatException e) {
      return reply(Reply.json(400, "{\"error\":\"count must be a whole number\"}"));
    }
    if (count < 0) {
      return reply(Reply.json(400, "{\"error\":\"count must not be negative\"}"));
    }
    if (!world.setSubscribers(channelId, count)) {
      return reply(Reply.json(404, "{\"error\":\"unknown channel\"}"));
    }
    return reply(
        Reply.json(
            200,
            JSON.createObjectNode()
                .put("channelId", channelId)
                .put("subscribers", count)
                .toString()));
  }

  private ArrayNode proxiesJson() {
    ArrayNode list = JSON.createArrayNode();
    for (DevnetSocksProxy p : proxies) {
      list.addObject()
          .put("url", p.url())
          .put("mode", p.mode().name())
          .put("connections", p.connections());
    }
    return list;
  }

  private Route proxyMode(int index, Map<String, String> params) {
    if (index < 0 || index >= proxies.size()) {
      return reply(Reply.json(404, "{\"error\":\"no such proxy\"}"));
    }
    try {
      proxies.get(index).mode(DevnetSocksProxy.Mode.valueOf(params.getOrDefault("mode", "RELAY")));
    } catch (IllegalArgumentException e) {
      return reply(Reply.json(400, "{\"error\":\"mode is RELAY, RATE_LIMITED or BOT_CHECK\"}"));
    }
    return reply(Reply.json(200, proxiesJson().toString()));
  }

  private Route reply(Reply r) {
    return YoutubeRoutes.replyRoute(this, r);
  }
}
