package io.joysync.devnet.youtube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joysync.devnet.youtube.DevnetWorld.Channel;
import io.joysync.devnet.youtube.DevnetWorld.Video;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The subset of the YouTube Data API v3 joysync uses: {@code channels.list}, {@code
 * playlistItems.list} and {@code videos.list}, with API-key and bearer authentication, parts,
 * paging with opaque page tokens, Google's error bodies, owner-only data ({@code mine=true},
 * private uploads, {@code fileDetails}) and a daily quota counted per Pacific-time day.
 */
final class DataApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private final DevnetWorld world;
  private final OAuthAuthority oauth;
  private final YoutubeDevnetSettings settings;
  private final Supplier<YoutubeFaults> faults;
  private final MediaCatalog media;
  private final AtomicReference<String> quotaDay = new AtomicReference<>("");
  private final AtomicLong quotaUsed = new AtomicLong();

  DataApi(
      DevnetWorld world,
      OAuthAuthority oauth,
      YoutubeDevnetSettings settings,
      Supplier<YoutubeFaults> faults,
      MediaCatalog media) {
    this.world = world;
    this.oauth = oauth;
    this.settings = settings;
    this.faults = faults;
    this.media = media;
  }

  /** Units charged today (Pacific time) by this devnet. */
  long quotaUsedToday() {
    rollDay();
    return quotaUsed.get();
  }

  Reply handle(String resource, Map<String, String> params, Optional<String> authorization) {
    YoutubeFaults f = faults.get();
    if (f.serverErrors()) {
      return GoogleErrors.backendError();
    }
    oauth.revokeAll(f.tokensRevoked());
    Optional<String> viewer = Optional.empty();
    if (authorization.isPresent()) {
      String header = authorization.get();
      if (!header.startsWith("Bearer ")) {
        return GoogleErrors.unauthorized();
      }
      Optional<OAuthAuthority.AccessGrant> grant = oauth.access(header.substring(7).trim());
      if (grant.isEmpty()) {
        return GoogleErrors.unauthorized();
      }
      if (!grant.get().scopes().contains(OAuthAuthority.SCOPE_YOUTUBE)
          && !grant.get().scopes().contains(OAuthAuthority.SCOPE_YOUTUBE_FULL)) {
        return GoogleErrors.insufficientScopes();
      }
      viewer = Optional.of(grant.get().sub());
    } else {
      String key = params.get("key");
      if (key == null) {
        return GoogleErrors.forbidden("forbidden", "The request is missing a valid API key.");
      }
      if (!key.equals(settings.apiKey())) {
        return GoogleErrors.badRequest(
            "keyInvalid", "API key not valid. Please pass a valid API key.");
      }
    }
    rollDay();
    if (f.quotaExhausted() || quotaUsed.incrementAndGet() > settings.dailyQuota()) {
      return GoogleErrors.quotaExceeded();
    }
    if (f.malformedResponses()) {
      return Reply.json(
          200, "{\"kind\":\"youtube#" + resource + "ListResponse\",\"items\":[{\"id\":");
    }
    String part = params.get("part");
    if (part == null || part.isBlank()) {
      return GoogleErrors.badRequest("required", "No filter selected. Expected one of: part");
    }
    Set<String> parts =
        Arrays.stream(part.split(",")).map(String::trim).collect(Collectors.toSet());
    int maxResults;
    int offset;
    try {
      maxResults = Integer.parseInt(params.getOrDefault("maxResults", "5"));
      offset = decodePageToken(params.get("pageToken"));
    } catch (IllegalArgumentException e) {
      return GoogleErrors.badRequest(
          "invalidPageToken", "The request specifies an invalid page token.");
    }
    if (maxResults < 0 || maxResults > 50) {
      return GoogleErrors.badRequest(
          "invalidParameter", "Invalid value for maxResults: must be between 0 and 50.");
    }
    return switch (resource) {
      case "channels" -> channels(params, parts, viewer, maxResults, offset);
      case "playlistItems" -> playlistItems(params, parts, viewer, maxResults, offset);
      case "videos" -> videos(params, parts, viewer);
      default -> GoogleErrors.notFound("notFound", "Unknown resource " + resource);
    };
  }

  private Reply channels(
      Map<String, String> params, Set<String> parts, Optional<String> viewer, int max, int offset) {
    List<Channel> found;
    if ("true".equals(params.get("mine"))) {
      if (viewer.isEmpty()) {
        return GoogleErrors.unauthorized();
      }
      DevnetWorld.Creator creator = world.creator(viewer.get()).orElseThrow();
      if (creator.suspended()) {
        return GoogleErrors.forbidden(
            "authenticatedUserAccountSuspended",
            "The YouTube account of the authenticated user is suspended.");
      }
      found =
          creator.channelId() == null
              ? List.of()
              : world.channel(creator.channelId()).stream().toList();
    } else if (params.containsKey("id")) {
      List<String> ids = splitIds(params.get("id"));
      if (ids.size() > 50) {
        return GoogleErrors.badRequest("invalidParameter", "Too many ids: at most 50 are allowed.");
      }
      found = ids.stream().map(world::channel).flatMap(Optional::stream).toList();
      if (found.stream().anyMatch(c -> isSuspended(c))) {
        found = found.stream().filter(c -> !isSuspended(c)).toList();
      }
    } else if (params.containsKey("forHandle")) {
      found =
          world.channelByHandle(params.get("forHandle")).stream()
              .filter(c -> !isSuspended(c))
              .toList();
    } else {
      return GoogleErrors.badRequest(
          "missingRequiredParameter", "No filter selected. Expected one of: forHandle, id, mine");
    }
    ObjectNode root = listRoot("youtube#channelListResponse", found.size(), max, offset);
    ArrayNode items = root.putArray("items");
    for (Channel c : page(found, max, offset)) {
      items.add(ChannelJson.render(c, parts, world.videoCount(c.id()), media));
    }
    return Reply.json(200, root.toString());
  }

  private boolean isSuspended(Channel c) {
    return world.creator(c.creatorSub()).map(DevnetWorld.Creator::suspended).orElse(false);
  }

  private Reply playlistItems(
      Map<String, String> params, Set<String> parts, Optional<String> viewer, int max, int offset) {
    String playlistId = params.get("playlistId");
    if (playlistId == null) {
      return GoogleErrors.badRequest(
          "missingRequiredParameter", "No filter selected. Expected one of: playlistId, id");
    }
    Optional<Channel> channel = world.channelByUploads(playlistId);
    if (channel.isEmpty()) {
      return GoogleErrors.notFound(
          "playlistNotFound",
          "The playlist identified with the request's playlistId parameter cannot be found.");
    }
    boolean owner = viewer.isPresent() && viewer.get().equals(channel.get().creatorSub());
    List<Video> uploads =
        world.uploads(channel.get().id()).stream()
            .filter(v -> owner || visibleToPublic(v))
            .toList();
    ObjectNode root = listRoot("youtube#playlistItemListResponse", uploads.size(), max, offset);
    ArrayNode items = root.putArray("items");
    int position = offset;
    for (Video v : page(uploads, max, offset)) {
      ObjectNode item = items.addObject();
      item.put("kind", "youtube#playlistItem");
      item.put("etag", etag(v.id() + position));
      item.put(
          "id",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString((playlistId + v.id()).getBytes(StandardCharsets.UTF_8)));
      if (parts.contains("snippet")) {
        ObjectNode s = item.putObject("snippet");
        s.put("publishedAt", v.publishedAt().toString());
        s.put("channelId", v.channelId());
        s.put("title", v.title());
        s.put("description", v.description());
        s.put("playlistId", playlistId);
        s.put("position", position);
        s.putObject("resourceId").put("kind", "youtube#video").put("videoId", v.id());
      }
      if (parts.contains("contentDetails")) {
        item.putObject("contentDetails")
            .put("videoId", v.id())
            .put("videoPublishedAt", v.publishedAt().toString());
      }
      if (parts.contains("status")) {
        item.putObject("status").put("privacyStatus", v.kind().privacyStatus());
      }
      position++;
    }
    return Reply.json(200, root.toString());
  }

  private Reply videos(Map<String, String> params, Set<String> parts, Optional<String> viewer) {
    if (!params.containsKey("id")) {
      return GoogleErrors.badRequest(
          "missingRequiredParameter", "No filter selected. Expected one of: id, chart, myRating");
    }
    List<String> ids = splitIds(params.get("id"));
    if (ids.size() > 50) {
      return GoogleErrors.badRequest("invalidParameter", "Too many ids: at most 50 are allowed.");
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", "youtube#videoListResponse");
    root.put("etag", etag(String.join(",", ids)));
    ArrayNode items = root.putArray("items");
    for (String id : ids) {
      Optional<Video> found = world.video(id);
      if (found.isEmpty()) {
        continue;
      }
      Video v = found.get();
      boolean owner =
          viewer.isPresent()
              && world
                  .channel(v.channelId())
                  .map(c -> c.creatorSub().equals(viewer.get()))
                  .orElse(false);
      if (!owner && !visibleToPublic(v)) {
        continue;
      }
      items.add(
          VideoJson.render(v, parts, owner, world.channel(v.channelId()).orElseThrow(), media));
    }
    root.putObject("pageInfo")
        .put("totalResults", items.size())
        .put("resultsPerPage", items.size());
    return Reply.json(200, root.toString());
  }

  private static boolean visibleToPublic(Video v) {
    return !v.kind().privacyStatus().equals("private");
  }

  private static ObjectNode listRoot(String kind, int total, int max, int offset) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", kind);
    root.put("etag", etag(kind + total + ":" + offset));
    if (offset + max < total) {
      root.put("nextPageToken", encodePageToken(offset + max));
    }
    if (offset > 0) {
      root.put("prevPageToken", encodePageToken(Math.max(0, offset - max)));
    }
    root.putObject("pageInfo").put("totalResults", total).put("resultsPerPage", max);
    return root;
  }

  private static <T> List<T> page(List<T> all, int max, int offset) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + max));
  }

  static String encodePageToken(int offset) {
    return "CD"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  static int decodePageToken(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    if (!token.startsWith("CD")) {
      throw new IllegalArgumentException("bad page token");
    }
    String text =
        new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.UTF_8);
    if (!text.startsWith("o:")) {
      throw new IllegalArgumentException("bad page token");
    }
    int offset = Integer.parseInt(text.substring(2));
    if (offset < 0) {
      throw new IllegalArgumentException("bad page token");
    }
    return offset;
  }

  private static List<String> splitIds(String ids) {
    return Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String etag(String seed) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Integer.toHexString(seed.hashCode()).getBytes(StandardCharsets.UTF_8));
  }

  private void rollDay() {
    String today = ZonedDateTime.now(PACIFIC).toLocalDate().toString();
    String previous = quotaDay.getAndSet(today);
    if (!today.equals(previous)) {
      quotaUsed.set(0);
    }
  }
}
