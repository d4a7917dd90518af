package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.joysync.engine.video.VideoEntity;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import io.joysync.engine.youtube.quota.QuotaUsage;
import io.joysync.persistence.readside.VideoReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /status} (the running version, whether syncing is switched on and how many videos are
 * not yet on Joystream across all channels, from the read side) and the YouTube quota usage per
 * Pacific-time day (youtube-synch endpoints 19 to 21, with the deprecated {@code /youtube/...}
 * aliases Atlas and dashboards may still call).
 */
public final class StatusRoutes {

  /** The body of {@code GET /status}. */
  public record Status(String version, String syncStatus, long syncBacklog) {}

  /** One day of quota usage in youtube-synch's Stats shape. */
  public record QuotaDay(String partition, String date, long syncQuotaUsed, long signupQuotaUsed) {
    static QuotaDay of(QuotaUsage u) {
      return new QuotaDay("stats", u.displayDate(), u.sync(), u.signup());
    }
  }

  /** How many days the history endpoint returns at most (over a year). */
  static final int HISTORY_DAYS = 400;

  private final String version = version();
  private final String syncStatus;
  private final QuotaGovernor quota;
  private final VideoReadModel videos;

  public StatusRoutes(HttpSettings settings, QuotaGovernor quota, VideoReadModel videos) {
    this.syncStatus = settings.syncEnabled() ? "enabled" : "disabled";
    this.quota = quota;
    this.videos = videos;
  }

  public Route route() {
    return concat(
        path(
            "status",
            () ->
                get(
                    () ->
                        onSuccess(
                            videos.syncBacklog(VideoEntity.tags()),
                            backlog ->
                                complete(
                                    StatusCodes.OK,
                                    new Status(version, syncStatus, backlog),
                                    Json.marshaller())))),
        pathPrefix("status", this::quotaUsage),
        pathPrefix("youtube", this::quotaUsage));
  }

  private Route quotaUsage() {
    return concat(
        path(
            "quota-usage",
            () ->
                get(
                    () ->
                        onSuccess(
                            quota.history(HISTORY_DAYS),
                            days ->
                                complete(
                                    StatusCodes.OK,
                                    days.stream().map(QuotaDay::of).toList(),
                                    Json.marshaller())))),
        path(
            PathMatchers.segment("quota-usage").slash("today"),
            () ->
                get(
                    () ->
                        onSuccess(
                            quota.usageToday(),
                            today ->
                                complete(StatusCodes.OK, QuotaDay.of(today), Json.marshaller())))));
  }

  /** The build's version, written into the jar by Maven resource filtering. */
  public static String version() {
    try (InputStream in = StatusRoutes.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the http module");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
