package io.joysync.joystream.orion;

import static io.joysync.joystream.orion.ReplyFields.array;
import static io.joysync.joystream.orion.ReplyFields.bool;
import static io.joysync.joystream.orion.ReplyFields.integer;
import static io.joysync.joystream.orion.ReplyFields.object;
import static io.joysync.joystream.orion.ReplyFields.optionalObject;
import static io.joysync.joystream.orion.ReplyFields.optionalText;
import static io.joysync.joystream.orion.ReplyFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Typed client for the Orion queries a sync service needs: channels (with the app-action nonce
 * {@code totalVideosCreated}), videos by YouTube id or id, memberships, apps, the storage buckets
 * serving a bag, data-object acceptance and the indexer's height. Every method is asynchronous and
 * never blocks the caller; a failed future carries an {@link OrionException} (wrapped in a {@link
 * java.util.concurrent.CompletionException} when joined). Thread-safe.
 */
public final class OrionClient {
  /** Default request timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final int MAX_REPLY_BYTES = 16 * 1024 * 1024;
  private static final String VIDEO_FIELDS =
      "id ytVideoId entryApp { id name } media { id isAccepted } thumbnailPhoto { id isAccepted }";

  private final GraphqlEndpoint endpoint;

  /**
   * @param http shared HTTP client (its connect timeout applies)
   * @param graphqlUri e.g. {@code http://localhost:8080/graphql}
   * @param timeout per-request timeout
   */
  public OrionClient(HttpClient http, URI graphqlUri, Duration timeout) {
    this.endpoint =
        new GraphqlEndpoint(http, graphqlUri, timeout, MAX_REPLY_BYTES, new ObjectMapper());
  }

  /** A client with its own HTTP client (10 s connect timeout) and the default request timeout. */
  public static OrionClient create(URI graphqlUri) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new OrionClient(http, graphqlUri, DEFAULT_TIMEOUT);
  }

  /** The GraphQL endpoint. */
  public URI uri() {
    return endpoint.uri();
  }

  /** The channel, or empty when Orion does not know it. */
  public CompletableFuture<Optional<OrionChannel>> channelById(long channelId) {
    return single(
        "channelById",
        "query channelById($id: String!) { channelById(id: $id) {"
            + " id language totalVideosCreated ownerMember { id controllerAccount } } }",
        Map.of("id", Long.toString(channelId)),
        OrionClient::channel);
  }

  /** Videos carrying a YouTube id and attributed to the named app (normally zero or one). */
  public CompletableFuture<List<OrionVideo>> videosByYtVideoId(String ytVideoId, String appName) {
    return list(
        "videosByYtVideoId",
        "query videosByYtVideoId($ytVideoId: String!, $appName: String!) {"
            + " videos(where: {ytVideoId_eq: $ytVideoId, entryApp: {name_eq: $appName}}) { "
            + VIDEO_FIELDS
            + " } }",
        Map.of("ytVideoId", ytVideoId, "appName", appName),
        "videos",
        OrionClient::video);
  }

  /**
   * The app's videos carrying any of these YouTube ids (one query for a whole batch of the
   * duplicate guard); a YouTube id with no video is simply absent from the list.
   */
  public CompletableFuture<List<OrionVideo>> videosByYtVideoIds(
      Collection<String> ytVideoIds, String appName) {
    if (ytVideoIds.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return list(
        "videosByYtVideoIds",
        "query videosByYtVideoIds($ids: [String!]!, $appName: String!, $limit: Int!) {"
            + " videos(where: {ytVideoId_in: $ids, entryApp: {name_eq: $appName}},"
            + " limit: $limit) { "
            + VIDEO_FIELDS
            + " } }",
        Map.of("ids", List.copyOf(ytVideoIds), "appName", appName, "limit", 4 * ytVideoIds.size()),
        "videos",
        OrionClient::video);
  }

  /** Whether the app already created a video for this YouTube id (the duplicate guard). */
  public CompletableFuture<Boolean> videoExists(String ytVideoId, String appName) {
    return videosByYtVideoId(ytVideoId, appName).thenApply(videos -> !videos.isEmpty());
  }

  /** The video, or empty when Orion does not know it (yet). */
  public CompletableFuture<Optional<OrionVideo>> videoById(long videoId) {
    return single(
        "videoById",
        "query videoById($id: String!) { videoById(id: $id) { " + VIDEO_FIELDS + " } }",
        Map.of("id", Long.toString(videoId)),
        OrionClient::video);
  }

  /** The membership, or empty. */
  public CompletableFuture<Optional<OrionMember>> membershipById(long memberId) {
    return single(
        "membershipById",
        "query membershipById($id: String!) { membershipById(id: $id) {"
            + " id handle controllerAccount metadata { name about } } }",
        Map.of("id", Long.toString(memberId)),
        OrionClient::member);
  }

  /**
   * The membership with this handle, or empty (handles are unique on chain); e.g. to find the
   * member a faucet bought when its answer was lost.
   */
  public CompletableFuture<Optional<OrionMember>> membershipByHandle(String handle) {
    return list(
            "membershipByHandle",
            "query membershipByHandle($handle: String!) {"
                + " memberships(where: {handle_eq: $handle}, limit: 1) {"
                + " id handle controllerAccount metadata { name about } } }",
            Map.of("handle", handle),
            "memberships",
            OrionClient::member)
        .thenApply(members -> members.stream().findFirst());
  }

  /** The app registered under this name, or empty. */
  public CompletableFuture<Optional<OrionApp>> appByName(String name) {
    return list(
            "appByName",
            "query appByName($name: String!) { apps(where: {name_eq: $name}) {"
                + " id name ownerMember { id } authKey websiteUrl } }",
            Map.of("name", name),
            "apps",
            OrionClient::app)
        .thenApply(apps -> apps.stream().findFirst());
  }

  /**
   * Buckets with an active operator that store the bag and publish an http(s) node endpoint: the
   * nodes an upload for the bag may go to.
   *
   * @param bagId e.g. {@code dynamic:channel:7}
   */
  public CompletableFuture<List<OrionStorageBucket>> storageBucketsForBag(String bagId) {
    return list(
        "storageBucketsForBag",
        "query storageBucketsForBag($bagId: String!) { storageBuckets(where: {"
            + " operatorStatus: {isTypeOf_eq: \"StorageBucketOperatorStatusActive\"},"
            + " bags_some: {bag: {id_eq: $bagId}},"
            + " operatorMetadata: {nodeEndpoint_contains: \"http\"} }) {"
            + " id dataObjectsSize dataObjectsSizeLimit dataObjectsCount dataObjectCountLimit"
            + " operatorMetadata { nodeEndpoint } } }",
        Map.of("bagId", bagId),
        "storageBuckets",
        OrionClient::bucket);
  }

  /** The data objects with these ids (those Orion knows). */
  public CompletableFuture<List<OrionDataObject>> dataObjectsByIds(Collection<Long> ids) {
    List<String> idTexts = ids.stream().map(String::valueOf).toList();
    if (idTexts.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return list(
        "dataObjectsByIds",
        "query dataObjectsByIds($ids: [String!]!) { storageDataObjects(where: {id_in: $ids},"
            + " limit: "
            + Math.max(1, idTexts.size())
            + ") { id isAccepted size ipfsHash } }",
        Map.of("ids", idTexts),
        "storageDataObjects",
        OrionClient::dataObject);
  }

  /** The data objects of a bag, at most {@code limit} of them, by id. */
  public CompletableFuture<List<OrionDataObject>> dataObjectsOfBag(String bagId, int limit) {
    return list(
        "dataObjectsOfBag",
        "query dataObjectsOfBag($bagId: String!, $limit: Int!) { storageDataObjects(where:"
            + " {storageBag: {id_eq: $bagId}}, orderBy: id_ASC, limit: $limit) {"
            + " id isAccepted size ipfsHash } }",
        Map.of("bagId", bagId, "limit", limit),
        "storageDataObjects",
        OrionClient::dataObject);
  }

  /** The last block Orion has processed ({@code squidStatus.height}). */
  public CompletableFuture<Long> indexedHeight() {
    return endpoint
        .query("squidStatus", "query squidStatus { squidStatus { height } }", Map.of())
        .thenApply(data -> integer(object(data, "squidStatus", "data"), "height", "squidStatus"));
  }

  /** How far Orion is behind a chain height (0 when it is level or ahead). */
  public CompletableFuture<Long> lagBehind(long chainHeight) {
    return indexedHeight().thenApply(height -> Math.max(0, chainHeight - height));
  }

  /** Whether Orion has processed the given block, e.g. the block of the last batch. */
  public CompletableFuture<Boolean> hasProcessed(long blockNumber) {
    return indexedHeight().thenApply(height -> height >= blockNumber);
  }

  private <T> CompletableFuture<Optional<T>> single(
      String field, String document, Map<String, ?> variables, Function<JsonNode, T> mapper) {
    return endpoint
        .query(field, document, variables)
        .thenApply(
            data -> {
              if (!data.has(field)) {
                throw new OrionResponseException(
                    "Orion reply field data." + field + " is absent (expected an object or null)");
              }
              return optionalObject(data, field, "data").map(mapper);
            });
  }

  private <T> CompletableFuture<List<T>> list(
      String operation,
      String document,
      Map<String, ?> variables,
      String field,
      Function<JsonNode, T> mapper) {
    return endpoint
        .query(operation, document, variables)
        .thenApply(
            data -> {
              List<T> out = new ArrayList<>();
              for (JsonNode item : array(data, field, "data")) {
                if (!item.isObject()) {
                  throw new OrionResponseException(
                      "Orion reply field data." + field + " holds a non-object: " + item);
                }
                out.add(mapper.apply(item));
              }
              return List.copyOf(out);
            });
  }

  private static OrionChannel channel(JsonNode n) {
    Optional<OrionChannel.OwnerMember> owner =
        optionalObject(n, "ownerMember", "channel")
            .map(
                m ->
                    new OrionChannel.OwnerMember(
                        integer(m, "id", "channel.ownerMember"),
                        text(m, "controllerAccount", "channel.ownerMember")));
    return new OrionChannel(
        integer(n, "id", "channel"),
        integer(n, "totalVideosCreated", "channel"),
        optionalText(n, "language", "channel"),
        owner);
  }

  private static OrionVideo video(JsonNode n) {
    return new OrionVideo(
        integer(n, "id", "video"),
        optionalText(n, "ytVideoId", "video"),
        optionalObject(n, "entryApp", "video")
            .map(
                a ->
                    new OrionVideo.EntryApp(
                        text(a, "id", "video.entryApp"), text(a, "name", "video.entryApp"))),
        optionalObject(n, "media", "video").map(a -> asset(a, "video.media")),
        optionalObject(n, "thumbnailPhoto", "video").map(a -> asset(a, "video.thumbnailPhoto")));
  }

  private static OrionVideo.Asset asset(JsonNode n, String context) {
    return new OrionVideo.Asset(integer(n, "id", context), bool(n, "isAccepted", context));
  }

  private static OrionMember member(JsonNode n) {
    Optional<JsonNode> metadata = optionalObject(n, "metadata", "membership");
    return new OrionMember(
        integer(n, "id", "membership"),
        text(n, "handle", "membership"),
        text(n, "controllerAccount", "membership"),
        metadata.flatMap(m -> optionalText(m, "name", "membership.metadata")),
        metadata.flatMap(m -> optionalText(m, "about", "membership.metadata")));
  }

  private static OrionApp app(JsonNode n) {
    return new OrionApp(
        text(n, "id", "app"),
        text(n, "name", "app"),
        optionalObject(n, "ownerMember", "app").map(m -> integer(m, "id", "app.ownerMember")),
        optionalText(n, "authKey", "app"),
        optionalText(n, "websiteUrl", "app"));
  }

  private static OrionStorageBucket bucket(JsonNode n) {
    return new OrionStorageBucket(
        integer(n, "id", "storageBucket"),
        text(object(n, "operatorMetadata", "storageBucket"), "nodeEndpoint", "operatorMetadata"),
        integer(n, "dataObjectsSize", "storageBucket"),
        integer(n, "dataObjectsSizeLimit", "storageBucket"),
        integer(n, "dataObjectsCount", "storageBucket"),
        integer(n, "dataObjectCountLimit", "storageBucket"));
  }

  private static OrionDataObject dataObject(JsonNode n) {
    return new OrionDataObject(
        integer(n, "id", "storageDataObject"),
        bool(n, "isAccepted", "storageDataObject"),
        integer(n, "size", "storageDataObject"),
        text(n, "ipfsHash", "storageDataObject"));
  }
}
