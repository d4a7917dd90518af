package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.InitialIngestion;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.link.JoystreamLinks;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Operator batch endpoints on channels (youtube-synch endpoints 10 to 13): suspend, verify with a
 * tier, the operator's ingestion switch, and the category (whose string ids youtube-synch refused
 * by validating them as booleans). A batch is validated whole and every channel looked up before
 * the first change, so a bad item or an unknown channel changes nothing.
 */
public final class ChannelOperatorRoutes {

  /** How many channels of a batch are looked up at once. */
  static final int LOOKUP_PARALLELISM = 16;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final InitialIngestion ingestion;
  private final OperatorAuth auth;
  private final HttpSettings settings;
  private final Clock clock;

  public ChannelOperatorRoutes(
      ActorSystem<?> system,
      JoystreamLinks links,
      InitialIngestion ingestion,
      OperatorAuth auth,
      HttpSettings settings,
      Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.ingestion = ingestion;
    this.auth = auth;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * One change of a batch; {@code ingests} when the channel's newest uploads are to be tracked
   * afterwards (a verification sets the tier, and with it how many of them are synced).
   */
  private record Change(
      long joystreamChannelId,
      BiFunction<String, ActorRef<StatusReply<ChannelState>>, ChannelEntity.Command> command,
      boolean ingests) {
    Change(
        long joystreamChannelId,
        BiFunction<String, ActorRef<StatusReply<ChannelState>>, ChannelEntity.Command> command) {
      this(joystreamChannelId, command, false);
    }
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

  private Route batch(String name, BatchBody.ItemReader<Change> reader) {
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
                                        apply(
                                            BatchBody.parse(
                                                body,
                                                settings.maxBatchItems(),
                                                shape(name),
                                                reader)),
                                        done -> complete(""))))));
  }

  private static String shape(String name) {
    return switch (name) {
      case "suspend" -> "{joystreamChannelId, reason}";
      case "verify" -> "{joystreamChannelId, tier}";
      case "operatorIngestion" -> "{joystreamChannelId, allowOperatorIngestion}";
      default -> "{joystreamChannelId, videoCategoryId}";
    };
  }

  private Optional<Change> suspension(
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
    return id.flatMap(
        i ->
            reason.map(
                r ->
                    new Change(
                        i, (cid, reply) -> new ChannelEntity.Suspend(r, clock.instant(), reply))));
  }

  private Optional<Change> verification(
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
    return id.flatMap(
        i ->
            tier.map(
                t ->
                    new Change(
                        i,
                        (cid, reply) -> new ChannelEntity.Verify(t, clock.instant(), reply),
                        true)));
  }

  private Optional<Change> ingestion(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<Boolean> allow = BatchBody.bool(item, "allowOperatorIngestion", at, problems);
    return id.flatMap(
        i ->
            allow.map(
                a ->
                    new Change(
                        i, (cid, reply) -> new ChannelEntity.SetOperatorIngestion(a, reply))));
  }

  private Optional<Change> category(
      com.fasterxml.jackson.databind.JsonNode item, String at, List<String> problems) {
    Optional<Long> id = BatchBody.joystreamId(item, at, problems);
    Optional<String> category = BatchBody.text(item, "videoCategoryId", 64, at, problems);
    return id.flatMap(
        i ->
            category.map(
                c ->
                    new Change(
                        i, (cid, reply) -> new ChannelEntity.SetCategoryByOperator(c, reply))));
  }

  private static String names(Enum<?>[] values) {
    return String.join(
        ", ",
        Arrays.stream(values)
            .map(v -> v instanceof Tier t ? t.wireName() : ((SuspensionReason) v).wireName())
            .toList());
  }

  /**
   * Looks every channel up first (a few at a time), then applies the changes one after the other,
   * in the order given.
   */
  private CompletionStage<Void> apply(List<Change> changes) {
    return Source.from(changes)
        .mapAsync(
            LOOKUP_PARALLELISM,
            c ->
                links
                    .linkedChannel(c.joystreamChannelId())
                    .thenApply(
                        found ->
                            found
                                .orElseThrow(
                                    () ->
                                        ApiException.notFound(
                                            "CHANNEL_NOT_FOUND",
                                            "Could not find channel with id "
                                                + c.joystreamChannelId()))
                                .youtubeChannelId()))
        .runWith(Sink.seq(), system)
        .thenCompose(
            youtubeIds -> {
              CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
              for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                String youtubeId = youtubeIds.get(i);
                chain = chain.thenCompose(x -> send(youtubeId, change));
              }
              return chain;
            });
  }

  private CompletionStage<Void> send(String youtubeId, Change change) {
    Duration timeout = settings.askTimeout();
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeId)
        .<ChannelState>askWithStatus(reply -> change.command().apply(youtubeId, reply), timeout)
        .thenApply(
            state -> {
              if (change.ingests() && settings.syncEnabled()) {
                ingestion.start(youtubeId, state);
              }
              return null;
            });
  }
}
