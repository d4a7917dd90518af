package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.signup.OperatorChanges;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Operator batch endpoints on channels (youtube-synch endpoints 10 to 13): suspend, verify with a
 * tier, the operator's ingestion switch, and the category (whose string ids youtube-synch refused
 * by validating them as booleans). A batch is validated whole before {@link OperatorChanges} looks
 * every channel up and applies it, so a bad item or an unknown channel changes nothing.
 */
public final class ChannelOperatorRoutes {

  private final OperatorChanges changes;
  private final OperatorAuth auth;
  private final HttpSettings settings;

  public ChannelOperatorRoutes(OperatorChanges changes, OperatorAuth auth, HttpSettings settings) {
    this.changes = changes;
    this.auth = auth;
    this.settings = settings;
  }

  public Route route() {
    return pathPrefix(
        "channels",
        () ->
            concat(
                batch("suspend", this::suspension),
                batch("verify", this::verification),
                batch("operatorIngestion", this::ingestion),
                batch("category", this::category)));
  }

  private Route batch(String name, BatchBody.ItemReader<OperatorChanges.Change> reader) {
    return path(
        name,
        () ->
            put(
                () ->
                    auth.operator(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body ->
                                    onSuccess(
                                        changes.apply(
                                            BatchBody.parse(
                                                body,
                                                settings.maxBatchItems(),
                                                shape(name),
                                                reader)),
                                        ChannelOperatorRoutes::answer)))));
  }

  private static Route answer(OperatorChanges.Result result) {
    if (result instanceof OperatorChanges.Refused refused) {
      throw Refusals.of(refused);
    }
    return complete("");
  }

  private static String shape(String name) {
    return switch (name) {
      case "suspend" -> "{joystreamChannelId, reason}";
      case "verify" -> "{joystreamChannelId, tier}";
      case "operatorIngestion" -> "{joystreamChannelId, allowOperatorIngestion}";
      default -> "{joystreamChannelId, videoCategoryId}";
    };
  }

  private Optional<OperatorChanges.Change> suspension(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<SuspensionReason> reason =
        BatchBody.text(item, "reason", 64, at, problems)
            .flatMap(
                r -> {
                  Optional<SuspensionReason> parsed = SuspensionReason.parse(r);
                  if (parsed.isEmpty()) {
                    problems.add(at + ".reason must be one of " + names(SuspensionReason.values()));
                  }
                  return parsed;
                });
    return id.flatMap(i -> reason.map(r -> new OperatorChanges.Suspend(i, r)));
  }

  private Optional<OperatorChanges.Change> verification(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<Tier> tier =
        BatchBody.text(item, "tier", 64, at, problems)
            .flatMap(
                t -> {
                  Optional<Tier> parsed = Tier.parse(t);
                  if (parsed.isEmpty()) {
                    problems.add(at + ".tier must be one of " + names(Tier.values()));
                  }
                  return parsed;
                });
    return id.flatMap(i -> tier.map(t -> new OperatorChanges.Verify(i, t)));
  }

  private Optional<OperatorChanges.Change> ingestion(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<Boolean> allow = BatchBody.bool(item, "allowOperatorIngestion", at, problems);
    return id.flatMap(i -> allow.map(a -> new OperatorChanges.SetOperatorIngestion(i, a)));
  }

  private Optional<OperatorChanges.Change> category(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<String> category = BatchBody.text(item, "videoCategoryId", 64, at, problems);
    return id.flatMap(i -> category.map(c -> new OperatorChanges.SetCategory(i, c)));
  }

  private static String names(Enum<?>[] values) {
    return String.join(
        ", ",
        Arrays.stream(values)
            .map(v -> v instanceof Tier t ? t.wireName() : ((SuspensionReason) v).wireName())
            .toList());
  }
}
