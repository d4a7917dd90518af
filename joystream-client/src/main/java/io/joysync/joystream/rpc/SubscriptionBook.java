package io.joysync.joystream.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's live subscriptions by the id the node gave them on the current connection, and the
 * resumable ones to renew on the next. Not thread-safe: the client's lock guards it.
 */
final class SubscriptionBook {
  private final Map<String, LiveSubscription<?>> byServerId = new HashMap<>();
  private final Set<LiveSubscription<?>> resumable = new LinkedHashSet<>();

  void opened(LiveSubscription<?> live, String serverId) {
    live.serverId(serverId);
    byServerId.put(serverId, live);
    if (live.request().resumable()) {
      resumable.add(live);
    }
  }

  LiveSubscription<?> route(String serverId) {
    return byServerId.get(serverId);
  }

  void ended(LiveSubscription<?> live) {
    String serverId = live.serverId();
    if (serverId != null) {
      byServerId.remove(serverId, live);
    }
    resumable.remove(live);
  }

  /** Forgets every server id; returns the subscriptions that cannot be resumed. */
  List<LiveSubscription<?>> connectionLost() {
    List<LiveSubscription<?>> ended = new ArrayList<>();
    for (LiveSubscription<?> live : byServerId.values()) {
      live.serverId(null);
      if (!live.request().resumable()) {
        ended.add(live);
      }
    }
    byServerId.clear();
    return ended;
  }

  List<LiveSubscription<?>> toRenew() {
    return new ArrayList<>(resumable);
  }

  List<LiveSubscription<?>> takeAll() {
    Set<LiveSubscription<?>> all = new LinkedHashSet<>(byServerId.values());
    all.addAll(resumable);
    byServerId.clear();
    resumable.clear();
    return new ArrayList<>(all);
  }
}
