package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.pipeline.SyncSwitch;
import io.joysync.engine.video.VideoEntity;
import io.joysync.persistence.readside.VideoReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Operator endpoints of the whole pipeline: {@code GET /sync} (paused or running, videos by state,
 * backlog, uploads in the last hour), {@code PUT /sync/pause} with an optional {@code {"reason":
 * "..."}} and {@code PUT /sync/resume}. The pause is persisted: it holds across restarts until an
 * operator resumes.
 */
public final class SyncRoutes {

  /** What operators see of the pipeline switch. */
  public record SwitchView(boolean paused, String reason, Instant since) {}

  /**
   * The pipeline at a glance: the switch, the videos in each state across the cluster, those not
   * yet on Joystream, and how many reached it in the last hour.
   */
  public record PipelineView(
      boolean paused,
      String reason,
      Instant since,
      Map<String, Long> videosByState,
      long backlog,
      long uploadedLastHour) {}

  private final EntityRef<SyncSwitch.Command> syncSwitch;
  private final VideoReadModel videos;
  private final OperatorAuth auth;
  private final Duration timeout;
  private final Clock clock;

  public SyncRoutes(
      ActorSystem<?> system,
      VideoReadModel videos,
      OperatorAuth auth,
      HttpSettings settings,
      Clock clock) {
    this.syncSwitch = SyncSwitch.of(system);
    this.videos = videos;
    this.auth = auth;
    this.timeout = settings.askTimeout();
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix(
        "sync",
        () ->
            auth.operator(
                () ->
                    concat(
                        pathEnd(
                            () ->
                                get(
                                    () ->
                                        onSuccess(
                                            pipeline(),
                                            view ->
                                                complete(
                                                    StatusCodes.OK, view, Json.marshaller())))),
                        path(
                            "pause",
                            () ->
                                put(
                                    () ->
                                        entity(
                                            Unmarshaller.entityToString(),
                                            body -> reply(pause(reason(body)))))),
                        path(
                            "resume",
                            () ->
                                put(
                                    () ->
                                        reply(
                                            syncSwitch.ask(
                                                r -> new SyncSwitch.Resume(clock.instant(), r),
                                                timeout)))))));
  }

  private CompletionStage<PipelineView> pipeline() {
    List<String> tags = VideoEntity.tags();
    CompletionStage<SyncSwitch.State> state = syncSwitch.ask(SyncSwitch.Get::new, timeout);
    CompletionStage<Map<String, Long>> byState = videos.byState(tags);
    CompletionStage<Long> backlog = videos.syncBacklog(tags);
    CompletionStage<Long> lastHour =
        videos.uploadsSince(tags, clock.instant().minus(Duration.ofHours(1)));
    return state.thenCompose(
        s ->
            byState.thenCompose(
                counts ->
                    backlog.thenCombine(
                        lastHour,
                        (b, h) ->
                            new PipelineView(
                                s.paused(),
                                s.reason().orElse(null),
                                s.since().orElse(null),
                                new TreeMap<>(counts),
                                b,
                                h))));
  }

  private CompletionStage<SyncSwitch.State> pause(String reason) {
    return syncSwitch.ask(r -> new SyncSwitch.Pause(reason, clock.instant(), r), timeout);
  }

  /** The reason in the body, if any: an empty body pauses with a generic reason. */
  static String reason(String body) {
    if (body == null || body.isBlank()) {
      return "paused by an operator";
    }
    JsonNode json = Json.parse(body);
    JsonNode reason = json.get("reason");
    if (!json.isObject() || (reason != null && !reason.isTextual())) {
      throw ApiException.badRequest(
          "INVALID_BODY", "The body must be {\"reason\": \"<why the pipeline is paused>\"}");
    }
    String text = reason == null ? "" : reason.asText().strip();
    if (text.length() > 500) {
      throw ApiException.badRequest("INVALID_BODY", "The reason must be at most 500 characters");
    }
    return text.isEmpty() ? "paused by an operator" : text;
  }

  private Route reply(CompletionStage<SyncSwitch.State> state) {
    return onSuccess(
        state,
        s ->
            complete(
                StatusCodes.OK,
                new SwitchView(s.paused(), s.reason().orElse(null), s.since().orElse(null)),
                Json.marshaller()));
  }
}
