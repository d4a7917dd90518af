package io.joysync.engine.discovery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node's discovery did since it started, for logs, tests and the benchmark: feed requests
 * and their outcomes, hub requests, notifications, candidates, Data API calls (video details and
 * channel statistics), and every command sent to an entity.
 */
public final class DiscoveryCounters {

  final LongAdder feedRequests = new LongAdder();
  final LongAdder feedsNotModified = new LongAdder();
  final LongAdder feedFailures = new LongAdder();
  final LongAdder subscribeRequests = new LongAdder();
  final LongAdder leasesConfirmed = new LongAdder();
  final LongAdder notificationsAccepted = new LongAdder();
  final LongAdder notificationsRefused = new LongAdder();
  final LongAdder candidatesRecorded = new LongAdder();
  final LongAdder videosListCalls = new LongAdder();
  final LongAdder videosListIds = new LongAdder();

  /** Milliseconds the looked-up candidates waited, from being noticed to their lookup's round. */
  final LongAdder candidateWaitMillis = new LongAdder();

  final LongAdder channelLookups = new LongAdder();
  final LongAdder statisticsCalls = new LongAdder();
  final LongAdder statisticsRefreshed = new LongAdder();
  final LongAdder videosTracked = new LongAdder();
  final LongAdder videosUnsyncable = new LongAdder();
  final LongAdder changesRecorded = new LongAdder();
  final LongAdder entityCommands = new LongAdder();
  final LongAdder autoOptOuts = new LongAdder();
  final LongAdder blocksProcessed = new LongAdder();

  /** Every counter by name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("feedRequests", feedRequests.sum());
    m.put("feedsNotModified", feedsNotModified.sum());
    m.put("feedFailures", feedFailures.sum());
    m.put("subscribeRequests", subscribeRequests.sum());
    m.put("leasesConfirmed", leasesConfirmed.sum());
    m.put("notificationsAccepted", notificationsAccepted.sum());
    m.put("notificationsRefused", notificationsRefused.sum());
    m.put("candidatesRecorded", candidatesRecorded.sum());
    m.put("videosListCalls", videosListCalls.sum());
    m.put("videosListIds", videosListIds.sum());
    m.put("candidateWaitMillis", candidateWaitMillis.sum());
    m.put("channelLookups", channelLookups.sum());
    m.put("statisticsCalls", statisticsCalls.sum());
    m.put("statisticsRefreshed", statisticsRefreshed.sum());
    m.put("videosTracked", videosTracked.sum());
    m.put("videosUnsyncable", videosUnsyncable.sum());
    m.put("changesRecorded", changesRecorded.sum());
    m.put("entityCommands", entityCommands.sum());
    m.put("autoOptOuts", autoOptOuts.sum());
    m.put("blocksProcessed", blocksProcessed.sum());
    return m;
  }

  public long get(String name) {
    return snapshot().getOrDefault(name, 0L);
  }

  /**
   * Exposes every counter as a meter named after it, {@code feedRequests} as {@code
   * joysync.discovery.feed.requests}, read from the counter itself when the registry is scraped.
   */
  public void bind(MeterRegistry registry) {
    for (String name : snapshot().keySet()) {
      FunctionCounter.builder(meterName(name), this, c -> c.get(name))
          .description("Discovery on this node: " + name + " since the node started")
          .register(registry);
    }
  }

  static String meterName(String counter) {
    return "joysync.discovery." + counter.replaceAll("([a-z])([A-Z])", "$1.$2").toLowerCase();
  }
}
