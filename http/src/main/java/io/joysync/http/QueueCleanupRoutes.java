package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.engine.pipeline.QueueCleanup;
import io.joysync.engine.youtube.YoutubeVideo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The operators' queue clean-up ({@link QueueCleanup}, youtube-synch's {@code queueCleanup}):
 * {@code POST /videos/cleanup/dry-run} judges the waiting videos against what YouTube says of them
 * now and answers what an apply would do and the quota units it cost; {@code POST
 * /videos/cleanup/apply} does it. The optional body {@code {"channel": "<YouTube or Joystream
 * channel id>"}} limits the run to one channel. Refusals: 404 for an unknown channel, 429 when the
 * day's sync quota cannot pay for the run, 503 when YouTube does not answer; nothing is changed.
 */
public final class QueueCleanupRoutes {

  /** A waiting video the run has something to say about, as the backup keeps it. */
  public record FindingView(
      String videoId,
      String channelId,
      String state,
      String category,
      String reason,
      String becomes,
      Instant publishedAt,
      long durationSeconds,
      long viewCount,
      boolean historical,
      int failedAttempts,
      YoutubeView youtube) {}

  /** What {@code videos.list} said of the video now; null when it did not return it. */
  public record YoutubeView(
      String title,
      String uploadStatus,
      String privacyStatus,
      String liveBroadcastContent,
      boolean ageRestricted,
      boolean regionRestricted,
      long durationSeconds,
      Instant publishedAt) {}

  /**
   * A run: whether it changed anything, what it looked at, the Data API calls and quota units it
   * spent ({@code applyQuotaUnits}: what an apply of the same queue spends), the count per
   * category, the videos to settle and the ones only reported.
   */
  public record CleanupView(
      boolean dryRun,
      int channels,
      int waitingVideos,
      int videosListCalls,
      long quotaUnits,
      long applyQuotaUnits,
      Map<String, Integer> byCategory,
      int syncable,
      int settled,
      int alreadyMovedOn,
      boolean more,
      List<FindingView> toSettle,
      List<FindingView> reportedOnly) {}

  private final QueueCleanup cleanup;
  private final OperatorAuth auth;

  public QueueCleanupRoutes(QueueCleanup cleanup, OperatorAuth auth) {
    this.cleanup = cleanup;
    this.auth = auth;
  }

  public Route route() {
    return concat(run("dry-run", false), run("apply", true));
  }

  private Route run(String step, boolean apply) {
    return path(
        PathMatchers.segment("videos").slash("cleanup").slash(step),
        () ->
            post(
                () ->
                    auth.operator(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body ->
                                    onSuccess(
                                        cleanup
                                            .run(new QueueCleanup.Request(channel(body), apply))
                                            .thenApply(QueueCleanupRoutes::answer),
                                        view ->
                                            complete(StatusCodes.OK, view, Json.marshaller()))))));
  }

  /** The channel of the body, if any: an empty body cleans every syncing channel. */
  static Optional<String> channel(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode json = Json.parse(body);
    JsonNode channel = json.get("channel");
    boolean onlyChannel = json.isObject() && json.size() == (channel == null ? 0 : 1);
    if (!onlyChannel
        || (channel != null && (!channel.isTextual() || channel.asText().isBlank()))
        || (channel != null && channel.asText().length() > 64)) {
      throw ApiException.badRequest(
          "INVALID_BODY",
          "The body must be empty or {\"channel\": \"<YouTube channel id or Joystream channel"
              + " id>\"}");
    }
    return Optional.ofNullable(channel).map(c -> c.asText().strip());
  }

  static CleanupView answer(QueueCleanup.Result result) {
    if (result instanceof QueueCleanup.Refused refused) {
      throw Refusals.of(refused);
    }
    QueueCleanup.Report r = (QueueCleanup.Report) result;
    Map<String, Integer> byCategory = new TreeMap<>();
    Stream.concat(r.toSettle().stream(), r.reported().stream())
        .forEach(f -> byCategory.merge(f.verdict().category().name(), 1, Integer::sum));
    return new CleanupView(
        !r.applied(),
        r.channels(),
        r.videosExamined(),
        r.youtubeCalls(),
        r.quotaUnits(),
        r.quotaUnits(),
        byCategory,
        r.syncable(),
        r.settled(),
        r.alreadyMovedOn(),
        r.more(),
        r.toSettle().stream().map(QueueCleanupRoutes::view).toList(),
        r.reported().stream().map(QueueCleanupRoutes::view).toList());
  }

  private static FindingView view(QueueCleanup.Finding f) {
    QueueCleanup.Waiting w = f.video();
    return new FindingView(
        w.videoId(),
        w.channelId(),
        w.state(),
        f.verdict().category().name(),
        f.verdict().reason(),
        f.verdict().category().finalState().map(Object::toString).orElse(null),
        w.publishedAt(),
        w.durationSeconds(),
        w.viewCount(),
        w.historical(),
        w.failedAttempts(),
        f.youtube().map(QueueCleanupRoutes::view).orElse(null));
  }

  private static YoutubeView view(YoutubeVideo v) {
    return new YoutubeView(
        v.title(),
        v.uploadStatus(),
        v.privacyStatus(),
        v.liveBroadcastContent(),
        v.ageRestricted(),
        v.regionRestricted(),
        v.durationSeconds(),
        v.publishedAt());
  }
}
