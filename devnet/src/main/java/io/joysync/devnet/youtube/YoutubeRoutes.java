package io.joysync.devnet.youtube;

import io.joysync.devnet.SharedLink;
import io.joysync.devnet.youtube.DevnetWorld.Channel;
import io.joysync.devnet.youtube.DevnetWorld.Video;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.DateTime;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The HTTP face of the YouTube devnet: Data API under {@code /youtube/v3}, OAuth under {@code
 * /oauth2}, RSS under {@code /feeds}, the WebSub hub under {@code /websub}, media and thumbnails
 * under {@code /media} and {@code /thumbnails}, and the operator's switches under {@code /admin}
 * (see {@link AdminApi}). All rules live in the logic classes; this class only translates HTTP.
 */
final class YoutubeRoutes extends AllDirectives {

  private static final ContentType MP4 = ContentTypes.parse("video/mp4");
  private static final ContentType ATOM = ContentTypes.parse("application/atom+xml; charset=UTF-8");

  private final DevnetWorld world;
  private final DataApi dataApi;
  private final OAuthEndpoints oauth;
  private final WebSubHub hub;
  private final MediaCatalog media;
  private final FaultSwitches faults;
  private final AdminApi admin;

  /**
   * The link every media download shares, shaped by {@link YoutubeFaults#mediaLinkBytesPerSecond}.
   */
  private final SharedLink mediaLink = new SharedLink();

  YoutubeRoutes(
      DevnetWorld world,
      DataApi dataApi,
      OAuthEndpoints oauth,
      WebSubHub hub,
      MediaCatalog media,
      FaultSwitches faults,
      AdminApi admin) {
    this.world = world;
    this.dataApi = dataApi;
    this.oauth = oauth;
    this.hub = hub;
    this.media = media;
    this.faults = faults;
    this.admin = admin;
  }

  Route route() {
    return concat(
        pathPrefix(
            "youtube",
            () -> pathPrefix("v3", () -> path(resource -> get(() -> dataApi(resource))))),
        pathPrefix(
            "oauth2",
            () ->
                concat(
                    path(
                        "token",
                        () ->
                            post(
                                () ->
                                    formFieldMap(
                                        form ->
                                            optionalHeaderValueByName(
                                                "Authorization",
                                                auth -> reply(oauth.token(form, auth)))))),
                    path("tokeninfo", () -> parameterMap(params -> reply(oauth.tokenInfo(params)))),
                    path(
                        "auth",
                        () -> get(() -> parameterMap(params -> reply(oauth.authorize(params))))))),
        pathPrefix("feeds", () -> path("videos.xml", () -> get(() -> parameterMap(this::feed)))),
        pathPrefix(
            "websub",
            () ->
                pathEndOrSingleSlash(
                    () -> post(() -> formFieldMap(form -> reply(hub.request(form)))))),
        path("watch", () -> get(() -> parameterOptional("v", v -> watch(v.orElse(""))))),
        pathPrefix("media", () -> path(file -> get(() -> media(file)))),
        pathPrefix(
            "thumbnails",
            () ->
                get(
                    () ->
                        getFromFile(media.thumbnail().toFile(), ContentTypes.parse("image/jpeg")))),
        pathPrefix("admin", admin::route));
  }

  private Route dataApi(String resource) {
    return parameterMultiMap(
        multi ->
            optionalHeaderValueByName(
                "Authorization",
                auth -> reply(dataApi.handle(resource, joinRepeated(multi), auth))));
  }

  /** Google clients send list parameters repeated ({@code part=a&part=b}); YouTube joins them. */
  private static Map<String, String> joinRepeated(Map<String, java.util.List<String>> multi) {
    Map<String, String> joined = new java.util.HashMap<>();
    multi.forEach((k, v) -> joined.put(k, String.join(",", v)));
    return joined;
  }

  private Route feed(Map<String, String> params) {
    if (faults.get().feedErrors()) {
      return reply(
          Reply.text(
              503, "text/html; charset=UTF-8", "<html><body>Service Unavailable</body></html>"));
    }
    String channelId = params.get("channel_id");
    Optional<Channel> channel = channelId == null ? Optional.empty() : world.channel(channelId);
    if (channel.isEmpty()) {
      return reply(
          Reply.text(404, "text/html; charset=UTF-8", "<html><body>Not Found</body></html>"));
    }
    Channel c = channel.get();
    EntityTag etag = EntityTag.create(DataApi.etag(c.id() + ":" + c.feedVersion()), false);
    DateTime modified = DateTime.create(c.feedUpdatedAt().getEpochSecond() * 1000);
    return conditional(
        etag,
        modified,
        () -> {
          byte[] xml =
              AtomFeeds.channelFeed(c, world.uploads(c.id()), media.baseUrl())
                  .getBytes(StandardCharsets.UTF_8);
          if (faults.get().truncatedFeeds()) {
            xml = java.util.Arrays.copyOf(xml, xml.length / 2);
          }
          return complete(HttpResponse.create().withEntity(HttpEntities.create(ATOM, xml)));
        });
  }

  /**
   * The watch page: refused like YouTube's (same wording) for videos that cannot be played,
   * otherwise a page whose JSON-LD VideoObject gives yt-dlp's generic extractor the duration and
   * the media URL.
   */
  private Route watch(String videoId) {
    YoutubeFaults f = faults.get();
    if (f.mediaRateLimited()) {
      return status(429, "Too Many Requests");
    }
    if (f.botCheck()) {
      return status(403, "Sign in to confirm you're not a bot");
    }
    Optional<Video> found = world.video(videoId);
    if (found.isEmpty()) {
      return status(404, "Video unavailable");
    }
    Video video = found.get();
    if (video.kind().mediaReason() != null) {
      return status(video.kind().mediaStatus(), video.kind().mediaReason());
    }
    String title = video.title().replace("\\", "").replace("\"", "'").replace("<", " ");
    String html =
        "<!DOCTYPE html><html><head><title>"
            + title
            + "</title><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
            + "\"@type\":\"VideoObject\",\"name\":\""
            + title
            + "\",\"description\":\"devnet video\",\"duration\":\""
            + Duration.ofSeconds(video.durationSeconds())
            + "\",\"uploadDate\":\""
            + video.publishedAt()
            + "\",\"thumbnailUrl\":\""
            + media.thumbnailUrl(video.id(), "medium")
            + "\",\"contentUrl\":\""
            + media.videoUrl(video.id())
            + "\"}</script></head><body></body></html>";
    return complete(
        HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, html)));
  }

  private Route media(String file) {
    if (!file.endsWith(".mp4")) {
      return reply(Reply.text(404, "text/plain", "Not Found"));
    }
    YoutubeFaults f = faults.get();
    if (f.mediaRateLimited()) {
      return status(429, "Too Many Requests");
    }
    if (f.botCheck()) {
      return status(403, "Sign in to confirm you're not a bot");
    }
    Optional<Video> found = world.video(file.substring(0, file.length() - 4));
    if (found.isEmpty()) {
      return status(404, "Video unavailable");
    }
    Video video = found.get();
    VideoKind kind = video.kind();
    if (kind.mediaReason() != null) {
      return status(kind.mediaStatus(), kind.mediaReason());
    }
    if (kind == VideoKind.EMPTY_MEDIA) {
      return complete(HttpResponse.create().withEntity(HttpEntities.create(MP4, new byte[0])));
    }
    if (kind == VideoKind.NOT_A_VIDEO) {
      byte[] text =
          ("<html><body>This is a consent page, not a video: " + video.id() + "</body></html>")
              .repeat(40)
              .getBytes(StandardCharsets.UTF_8);
      return complete(HttpResponse.create().withEntity(HttpEntities.create(MP4, text)));
    }
    java.nio.file.Path clip = media.clip(video.clipIndex());
    long slow = f.slowMediaBytesPerSecond();
    if (slow > 0 || f.mediaLinkBytesPerSecond() > 0) {
      // A crawl (this download alone) and the shared link (all of them together) both shape it.
      int chunk = slow > 0 ? (int) Math.max(1, Math.min(8192, slow / 4)) : 8192;
      Source<ByteString, ?> source = FileIO.fromPath(clip, chunk);
      if (slow > 0) {
        source = source.throttle((int) Math.max(1, slow / chunk), Duration.ofSeconds(1));
      }
      source = source.via(mediaLink.flow(() -> faults.get().mediaLinkBytesPerSecond()));
      return complete(
          HttpResponse.create()
              .withEntity(HttpEntities.create(MP4, media.clipSize(video.clipIndex()), source)));
    }
    return getFromFile(clip.toFile(), MP4);
  }

  private Route status(int code, String reason) {
    StatusCode status = StatusCodes.custom(code, reason, reason, false, true);
    return complete(
        HttpResponse.create()
            .withStatus(status)
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, reason)));
  }

  static Route replyRoute(AllDirectives d, Reply r) {
    StatusCode status =
        r.reason() == null
            ? StatusCodes.get(r.status())
            : StatusCodes.custom(r.status(), r.reason(), r.reason(), false, true);
    HttpResponse response = HttpResponse.create().withStatus(status);
    if (r.status() != 204 && r.status() != 304) {
      response =
          response.withEntity(HttpEntities.create(ContentTypes.parse(r.contentType()), r.body()));
    }
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      response = response.addHeader(RawHeader.create(h.getKey(), h.getValue()));
    }
    return d.complete(response);
  }

  private Route reply(Reply r) {
    return replyRoute(this, r);
  }
}
