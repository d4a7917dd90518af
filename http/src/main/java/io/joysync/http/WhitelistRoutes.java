package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.whitelist.ChannelHandle;
import io.joysync.engine.whitelist.WhitelistEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * Operator endpoints for the channel-handle whitelist (youtube-synch endpoints 14 and 15), plus a
 * lookup of one handle. Handles are validated and lower-cased before any entity is touched: a
 * request with one bad handle stores nothing.
 */
public final class WhitelistRoutes {

  private final ClusterSharding sharding;
  private final OperatorAuth auth;
  private final Duration timeout;
  private final int maxItems;

  public WhitelistRoutes(ActorSystem<?> system, OperatorAuth auth, HttpSettings settings) {
    this.sharding = ClusterSharding.get(system);
    this.auth = auth;
    this.timeout = settings.askTimeout();
    this.maxItems = settings.maxBatchItems();
  }

  public Route route() {
    return pathPrefix(
        PathMatchers.segment("channels").slash("whitelist"),
        () ->
            auth.operator(
                () ->
                    concat(
                        pathEnd(
                            () ->
                                post(
                                    () ->
                                        entity(
                                            Unmarshaller.entityToString(),
                                            body -> onSuccess(add(body), done -> created())))),
                        path(
                            PathMatchers.segment(),
                            raw ->
                                concat(
                                    delete(() -> onSuccess(remove(raw), done -> complete(""))),
                                    get(
                                        () ->
                                            onSuccess(
                                                lookup(raw),
                                                entry ->
                                                    complete(
                                                        StatusCodes.OK,
                                                        entry,
                                                        Json.marshaller()))))))));
  }

  private static Route created() {
    return complete(StatusCodes.CREATED, "");
  }

  CompletionStage<Void> add(String body) {
    List<ChannelHandle> handles = parseAddBody(body);
    CompletableFuture<?>[] adds =
        handles.stream()
            .map(h -> entityFor(h).askWithStatus(WhitelistEntity.Add::new, timeout))
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(adds);
  }

  private CompletionStage<StatusReply<?>> remove(String raw) {
    ChannelHandle handle = parseHandle(raw);
    return entityFor(handle)
        .<org.apache.pekko.pattern.StatusReply<org.apache.pekko.Done>>ask(
            WhitelistEntity.Remove::new, timeout)
        .thenApply(
            reply -> {
              if (reply.isError()) {
                throw ApiException.notFound("NOT_WHITELISTED", reply.getError().getMessage());
              }
              return reply;
            });
  }

  private CompletionStage<WhitelistEntity.Entry> lookup(String raw) {
    ChannelHandle handle = parseHandle(raw);
    return entityFor(handle)
        .<Optional<WhitelistEntity.Entry>>ask(WhitelistEntity.Get::new, timeout)
        .thenApply(
            entry ->
                entry.orElseThrow(
                    () ->
                        ApiException.notFound(
                            "NOT_WHITELISTED",
                            "Channel with handle " + handle + " is not whitelisted")));
  }

  private EntityRef<WhitelistEntity.Command> entityFor(ChannelHandle handle) {
    return sharding.entityRefFor(WhitelistEntity.ENTITY_KEY, handle.value());
  }

  /** Validates the whole body first; every problem is reported, nothing is stored on any. */
  List<ChannelHandle> parseAddBody(String body) {
    JsonNode root = Json.parse(body);
    if (!root.isArray()) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be an array of {\"channelHandle\": \"@handle\"} objects");
    }
    if (root.size() > maxItems) {
      throw ApiException.badRequest(
          "INVALID_BODY", "At most " + maxItems + " channel handles can be added in one request");
    }
    List<String> problems = new ArrayList<>();
    Set<ChannelHandle> handles = new LinkedHashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      JsonNode handle = item.isObject() ? item.get("channelHandle") : null;
      if (!item.isObject()) {
        problems.add(i + " must be an object with a channelHandle");
      } else if (handle == null || handle.isNull()) {
        problems.add(i + ".channelHandle is required");
      } else if (!handle.isTextual()) {
        problems.add(i + ".channelHandle must be a string");
      } else {
        Optional<String> problem = ChannelHandle.problemWith(handle.textValue());
        if (problem.isPresent()) {
          problems.add(i + ".channelHandle: " + problem.get());
        } else {
          handles.add(new ChannelHandle(handle.textValue()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_CHANNEL_HANDLE", problems);
    }
    return List.copyOf(handles);
  }

  private static ChannelHandle parseHandle(String raw) {
    Optional<String> problem = ChannelHandle.problemWith(raw);
    if (problem.isPresent()) {
      throw ApiException.badRequest("INVALID_CHANNEL_HANDLE", problem.get());
    }
    return new ChannelHandle(raw);
  }
}
