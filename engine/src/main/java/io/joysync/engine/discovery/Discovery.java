package io.joysync.engine.discovery;

import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.metrics.NodeMetrics;
import io.joysync.engine.youtube.YoutubeSettings;
import io.joysync.engine.youtube.YoutubeSide;
import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.discovery.RssFeedReader;
import io.joysync.engine.youtube.discovery.WebSubSubscriber;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery at scale: every watched channel is checked from a durable schedule, WebSub push first,
 * conditional RSS as the safety net, the Data API only for the details of new videos, and the chain
 * watched through finalized events. {@link #start} runs it on a node: schedule workers and
 * candidate resolvers as Sharded Daemon Processes (the cluster shares them, and a crashed node's
 * share moves to another), one chain watch in the cluster, and this node's WebSub inbox for the
 * callback route. The schedule is fed by a projection of the channels' events, so discovery itself
 * never wakes a channel to learn that nothing changed.
 */
public final class Discovery {

  private static final Logger log = LoggerFactory.getLogger(Discovery.class);

  /** The path of the callback route; the callback URL must lead to it. */
  public static final String CALLBACK_PATH = "/websub/callback";

  /** Where discovery keeps its state. */
  public record Stores(WatchStore schedule, CandidateStore candidates, ChainWatchStore chain) {}

  /** A running discovery: whether push is on, and what it did. */
  public record Running(boolean push, DiscoveryCounters counters) {}

  private Discovery() {}

  public static Running start(
      ActorSystem<?> system,
      DiscoverySettings settings,
      Stores stores,
      YoutubeSide youtube,
      ChainConnection chain,
      ChannelActions actions,
      Clock clock) {
    DiscoveryCounters counters = new DiscoveryCounters();
    counters.bind(NodeMetrics.get(system).registry());
    if (!settings.enabled()) {
      log.info("Discovery is switched off (joysync.discovery.enabled): no channel is watched");
      return new Running(false, counters);
    }
    RssFeedReader feeds = youtube.feeds();
    Optional<WebSubSubscriber> websub = youtube.websub();
    YoutubeDataClient dataApi = youtube.dataApi();
    announce(youtube.settings(), settings);
    WatchCadence cadence =
        new WatchCadence(
            settings.feeds(),
            websub.isPresent(),
            youtube
                .settings()
                .websub()
                .map(WebSubSubscriber.Settings::renewalMargin)
                .orElse(Duration.ZERO),
            settings.subscribeRetry());
    EntryTriage triage = new EntryTriage(stores.candidates(), counters);
    StatisticsRefresh statistics =
        new StatisticsRefresh(
            system, dataApi, stores.schedule(), actions, settings.statistics(), clock, counters);
    FeedCheck check =
        new FeedCheck(
            feeds,
            websub,
            dataApi,
            stores.schedule(),
            stores.candidates(),
            triage,
            actions,
            cadence,
            statistics,
            clock,
            counters);
    ScheduleRound schedule = new ScheduleRound(system, stores.schedule(), check, settings, clock);
    CandidateResolver resolver =
        new CandidateResolver(
            dataApi, stores.schedule(), stores.candidates(), actions, settings, clock, counters);
    ShardedDaemonProcess daemons = ShardedDaemonProcess.get(system);
    int workers = settings.workers();
    daemons.init(
        RoundLoop.Command.class,
        "discovery-watch",
        workers,
        i ->
            RoundLoop.create(
                "discovery-watch-" + i,
                () -> schedule.run(owned(i, workers, WatchShards.SHARDS)),
                settings.tick()),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(RoundLoop.Stop.INSTANCE));
    int resolvers = settings.resolvers();
    daemons.init(
        RoundLoop.Command.class,
        "discovery-resolve",
        resolvers,
        i ->
            RoundLoop.create(
                "discovery-resolve-" + i,
                () ->
                    resolver
                        .resolve(owned(i, resolvers, WatchShards.CANDIDATE_PARTITIONS))
                        .thenApply(round -> pause(round, settings, clock.instant())),
                settings.resolve().errorRetry()),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(RoundLoop.Stop.INSTANCE));
    if (settings.chain().enabled()) {
      daemons.init(
          ChainWatch.Command.class,
          "discovery-chain",
          1,
          i ->
              ChainWatch.create(
                  new ChainEvents(chain),
                  stores.chain(),
                  actions,
                  settings.chain(),
                  clock,
                  counters));
    } else {
      log.info("The chain watch is switched off (joysync.discovery.chain.enabled)");
    }
    DiscoveryRuntime.get(system)
        .started(
            counters,
            websub.map(
                s ->
                    new WebSubInbox(
                        s,
                        stores.schedule(),
                        stores.candidates(),
                        triage,
                        settings.propagateYoutubeDeletions(),
                        clock,
                        counters)));
    return new Running(websub.isPresent(), counters);
  }

  private static void announce(YoutubeSettings youtube, DiscoverySettings settings) {
    if (youtube.websub().isEmpty()) {
      log.info(
          "No WebSub callback URL (JOYSYNC_WEBSUB_CALLBACK_URL): push is off and RSS polling"
              + " carries discovery (channels polled every {}, dormant ones every {})",
          settings.feeds().activeIntervalWithoutPush(),
          settings.feeds().dormantIntervalWithoutPush());
      return;
    }
    String url = youtube.websub().get().callbackUrl();
    log.info(
        "WebSub push is on (callback {}); RSS polls as a safety net every {}, dormant channels"
            + " every {}",
        url,
        settings.feeds().activeInterval(),
        settings.feeds().dormantInterval());
    String path = URI.create(url).getPath();
    if (path == null || !path.endsWith(CALLBACK_PATH)) {
      log.warn(
          "The WebSub callback URL {} does not end with {}: the hub's requests will not reach"
              + " the callback route",
          url,
          CALLBACK_PATH);
    }
  }

  private static Duration pause(CandidateResolver.Round round, DiscoverySettings s, Instant now) {
    if (round.pauseUntil().isPresent() && round.pauseUntil().get().isAfter(now)) {
      return Duration.between(now, round.pauseUntil().get());
    }
    return s.resolveInterval();
  }

  /** The shards (or partitions) of {@code count} that instance {@code i} of {@code n} owns. */
  static List<Integer> owned(int i, int n, int count) {
    return IntStream.range(0, count).filter(s -> WatchShards.owns(i, n, s)).boxed().toList();
  }
}
