package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.joysync.engine.discovery.DiscoveryRuntime;
import io.joysync.engine.discovery.WebSubInbox;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.util.ByteString;

/**
 * The public WebSub callback, {@code /websub/callback} (the path the callback URL must lead to):
 * the hub's verification GET is answered with its challenge or 404, and a notification POST is
 * handed with its raw body (bounded by the server's content limit and discovery's own) and its
 * {@code X-Hub-Signature} to this node's {@link WebSubInbox}, which answers 2xx only once the
 * notification is recorded. With push off the route takes nothing (404); while discovery is still
 * starting, notifications get 503 so that the hub delivers them again.
 */
public final class WebSubCallbackRoutes {

  private final DiscoveryRuntime callbacks;
  private final boolean pushConfigured;

  public WebSubCallbackRoutes(ActorSystem<?> system) {
    this.callbacks = DiscoveryRuntime.get(system);
    String key = "joysync.youtube.websub.callback-url";
    var config = system.settings().config();
    this.pushConfigured = config.hasPath(key) && !config.getString(key).isBlank();
  }

  public Route route() {
    return path(
        PathMatchers.segment("websub").slash("callback"),
        () ->
            concat(
                get(() -> parameterMap(query -> inbox(404, inbox -> inbox.verify(query)))),
                post(
                    () ->
                        parameterMap(
                            query ->
                                optionalHeaderValueByName(
                                    "X-Hub-Signature",
                                    signature ->
                                        entity(
                                            Unmarshaller.entityToByteString(),
                                            body -> notification(query, body, signature)))))));
  }

  private Route notification(Map<String, String> query, ByteString body, Optional<String> sig) {
    return inbox(pushConfigured ? 503 : 404, inbox -> inbox.notify(query, body.toArray(), sig));
  }

  private Route inbox(int without, Function<WebSubInbox, CompletionStage<WebSubInbox.Answer>> use) {
    Optional<WebSubInbox> inbox = callbacks.inbox();
    if (inbox.isEmpty()) {
      return complete(
          HttpResponse.create()
              .withStatus(without)
              .withEntity(
                  ContentTypes.TEXT_PLAIN_UTF8,
                  pushConfigured ? "discovery is starting" : "WebSub push is not configured"));
    }
    return onSuccess(use.apply(inbox.get()), WebSubCallbackRoutes::reply);
  }

  private static Route reply(WebSubInbox.Answer answer) {
    if (answer instanceof WebSubInbox.Answer.Challenge c) {
      return complete(
          HttpResponse.create()
              .withStatus(StatusCodes.OK)
              .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, c.challenge())));
    }
    WebSubInbox.Answer.Status s = (WebSubInbox.Answer.Status) answer;
    HttpResponse response = HttpResponse.create().withStatus(s.code());
    return complete(
        s.code() == 204
            ? response
            : response.withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, s.reason())));
  }
}
