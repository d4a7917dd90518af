package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.pipeline.Pipeline;
import io.joysync.engine.pipeline.SyncSwitch;
import io.joysync.engine.publish.AccountStatus;
import io.joysync.engine.publish.Publisher;
import io.joysync.engine.video.VideoEntity;
import io.joysync.persistence.pipeline.SyncWorkTable;
import io.joysync.persistence.readside.ReadSide;
import io.joysync.persistence.readside.RecentFailures;
import io.joysync.persistence.readside.VideoReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Operator endpoints of the whole pipeline: {@code GET /sync} (paused or running, videos by state,
 * backlog, uploads in the last hour, the signer accounts, this node's download disk, the channels
 * with the most waiting videos and the latest failures), {@code PUT /sync/pause} with an optional
 * {@code {"reason": "..."}} and {@code PUT /sync/resume}. The pause is persisted: it holds across
 * restarts until an operator resumes.
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
      long uploadedLastHour,
      List<AccountStatus> accounts,
      Optional<Disk> disk,
      List<SyncWorkTable.ChannelWork> busiestChannels,
      List<RecentFailures.Failure> recentFailures) {}

  /** The downloads' disk on the node that answered: in use, the most ever in use, the budget. */
  public record Disk(long inUse, long highWater, long budget) {}

  private final EntityRef<SyncSwitch.Command> syncSwitch;
  private final ReadSide readSide;
  private final VideoReadModel videos;
  private final Publisher publisher;
  private final Optional<Pipeline> pipeline;
  private final OperatorAuth auth;
  private final Duration timeout;
  private final Clock clock;

  public SyncRoutes(
      ActorSystem<?> system,
      ReadSide readSide,
      Publisher publisher,
      Optional<Pipeline> pipeline,
      OperatorAuth auth,
      HttpSettings settings,
      Clock clock) {
    this.syncSwitch = SyncSwitch.of(system);
    this.readSide = readSide;
    this.videos = readSide.videos();
    this.publisher = publisher;
    this.pipeline = pipeline;
    this.auth = auth;
    this.timeout = settings.askTimeout();
    this.clock = clock;
  }

  public Route route() {
    return concat(
        path(
            "operator",
            () -> get(() -> getFromResource("operator/index.html", ContentTypes.TEXT_HTML_UTF8))),
        api());
  }

  private Route api() {
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
    CompletableFuture<SyncSwitch.State> state =
        syncSwitch.<SyncSwitch.State>ask(SyncSwitch.Get::new, timeout).toCompletableFuture();
    CompletableFuture<Map<String, Long>> byState = videos.byState(tags).toCompletableFuture();
    CompletableFuture<Long> backlog = videos.syncBacklog(tags).toCompletableFuture();
    CompletableFuture<Long> lastHour =
        videos.uploadsSince(tags, clock.instant().minus(Duration.ofHours(1))).toCompletableFuture();
    CompletableFuture<List<AccountStatus>> accounts = publisher.accounts().toCompletableFuture();
    CompletableFuture<List<SyncWorkTable.ChannelWork>> busiest =
        readSide.work().busiestChannels(500, 10).toCompletableFuture();
    CompletableFuture<List<RecentFailures.Failure>> failures =
        readSide.failures().latest(tags, 20).toCompletableFuture();
    return CompletableFuture.allOf(state, byState, backlog, lastHour, accounts, busiest, failures)
        .thenApply(
            done ->
                new PipelineView(
                    state.join().paused(),
                    state.join().reason().orElse(null),
                    state.join().since().orElse(null),
                    new TreeMap<>(byState.join()),
                    backlog.join(),
                    lastHour.join(),
                    accounts.join(),
                    pipeline.map(p -> new Disk(p.diskInUse(), p.diskHighWater(), p.diskBudget())),
                    busiest.join(),
                    failures.join()));
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
