package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.joysync.persistence.readside.ChannelReadModel;
import io.joysync.persistence.readside.ChannelRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /channels/stats?from=YYYY-MM-DD&to=YYYY-MM-DD} (operator): the channels that signed up
 * in a range of UTC days ({@code to} excluded), counted by YPP status and listed newest first, as
 * youtube-synch's {@code stats:channels} command printed them. The range is at most 366 days and
 * the list at most {@link #LIMIT} channels ({@code truncated} says when more signed up), so one
 * request never reads an unbounded part of the read side.
 */
public final class ChannelStatsRoutes {

  static final int LIMIT = 10_000;
  static final long MAX_DAYS = 366;

  public record Stats(
      LocalDate from,
      LocalDate to,
      int total,
      boolean truncated,
      Map<String, Integer> byStatus,
      List<ChannelLine> channels) {}

  /** One signed-up channel, with what an operator needs to find it on both sides. */
  public record ChannelLine(
      String youtubeChannelId,
      String youtubeUrl,
      long joystreamChannelId,
      String title,
      String yppStatus,
      Long referrerChannelId,
      Instant createdAt) {
    static ChannelLine of(ChannelRow r) {
      return new ChannelLine(
          r.channelId(),
          "https://www.youtube.com/channel/" + r.channelId(),
          r.joystreamChannelId(),
          r.title(),
          r.yppStatus(),
          r.referrerChannelId().orElse(null),
          r.createdAt());
    }
  }

  private final ChannelReadModel channels;
  private final OperatorAuth auth;

  public ChannelStatsRoutes(ChannelReadModel channels, OperatorAuth auth) {
    this.channels = channels;
    this.auth = auth;
  }

  public Route route() {
    return path(
        PathMatchers.segment("channels").slash("stats"),
        () ->
            get(
                () ->
                    auth.operator(
                        () ->
                            parameterOptional(
                                "from",
                                from ->
                                    parameterOptional(
                                        "to",
                                        to ->
                                            onSuccess(
                                                stats(from, to),
                                                s ->
                                                    complete(
                                                        StatusCodes.OK, s, Json.marshaller())))))));
  }

  private CompletionStage<Stats> stats(Optional<String> rawFrom, Optional<String> rawTo) {
    List<String> problems = new ArrayList<>();
    Optional<LocalDate> from = date("from", rawFrom, problems);
    Optional<LocalDate> to = date("to", rawTo, problems);
    if (problems.isEmpty()) {
      long days = ChronoUnit.DAYS.between(from.get(), to.get());
      if (days < 1) {
        problems.add("to must be a later day than from");
      } else if (days > MAX_DAYS) {
        problems.add(
            "The range from " + from.get() + " to " + to.get() + " is longer than 366 days");
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(StatusCodes.BAD_REQUEST, "INVALID_QUERY", problems);
    }
    Instant start = from.get().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to.get().atStartOfDay(ZoneOffset.UTC).toInstant();
    return channels
        .createdBetween(start, end, LIMIT + 1)
        .thenApply(rows -> summary(from.get(), to.get(), rows));
  }

  private static Optional<LocalDate> date(
      String name, Optional<String> raw, List<String> problems) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      problems.add(name + " is required (YYYY-MM-DD)");
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(raw.get()));
    } catch (DateTimeParseException e) {
      problems.add(name + " must be a date as YYYY-MM-DD");
      return Optional.empty();
    }
  }

  static Stats summary(LocalDate from, LocalDate to, List<ChannelRow> rows) {
    boolean truncated = rows.size() > LIMIT;
    List<ChannelRow> kept = truncated ? rows.subList(0, LIMIT) : rows;
    Map<String, Integer> byStatus = new TreeMap<>();
    for (ChannelRow r : kept) {
      byStatus.merge(r.yppStatus(), 1, Integer::sum);
    }
    return new Stats(
        from, to, kept.size(), truncated, byStatus, kept.stream().map(ChannelLine::of).toList());
  }
}
