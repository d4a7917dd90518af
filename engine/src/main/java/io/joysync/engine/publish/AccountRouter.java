package io.joysync.engine.publish;

import io.joysync.engine.publish.CreationResult.Refused;
import io.joysync.joystream.storage.ChannelInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends each video to a signer account that may add videos to its channel. Among the configured
 * members that are collaborators of the channel with AddVideo (or own it), the channel sticks to
 * one (the highest rendezvous hash of channel and member), so its videos keep one nonce order; an
 * account that answers it cannot pay or is fenced stops getting work for a while and the video goes
 * to the next one. A metadata update goes the same way among the members with UpdateVideoMetadata.
 */
final class AccountRouter {
  private final List<Long> members;
  private final Function<Long, CompletionStage<Optional<ChannelInfo>>> channels;
  private final BiFunction<Long, VideoToCreate, CompletionStage<CreationResult>> ask;
  private final BiFunction<Long, VideoUpdate, CompletionStage<CreationResult>> askUpdate;
  private final Duration troublePeriod;
  private final Clock clock;
  private final Map<Long, Instant> troubledUntil = new ConcurrentHashMap<>();

  AccountRouter(
      List<Long> members,
      Function<Long, CompletionStage<Optional<ChannelInfo>>> channels,
      BiFunction<Long, VideoToCreate, CompletionStage<CreationResult>> ask,
      Duration troublePeriod,
      Clock clock) {
    this(members, channels, ask, AccountRouter::noUpdates, troublePeriod, clock);
  }

  AccountRouter(
      List<Long> members,
      Function<Long, CompletionStage<Optional<ChannelInfo>>> channels,
      BiFunction<Long, VideoToCreate, CompletionStage<CreationResult>> ask,
      BiFunction<Long, VideoUpdate, CompletionStage<CreationResult>> askUpdate,
      Duration troublePeriod,
      Clock clock) {
    this.members = List.copyOf(members);
    this.channels = channels;
    this.ask = ask;
    this.askUpdate = askUpdate;
    this.troublePeriod = troublePeriod;
    this.clock = clock;
  }

  /** One request to route: what it is about, the permission it needs, how to ask an account. */
  private record Request(
      String ytVideoId,
      long channelId,
      String permission,
      Function<Long, CompletionStage<CreationResult>> ask) {}

  CompletionStage<CreationResult> route(VideoToCreate video) {
    return route(
        new Request(
            video.ytVideoId(),
            video.joystreamChannelId(),
            "AddVideo",
            member -> ask.apply(member, video)));
  }

  CompletionStage<CreationResult> route(VideoUpdate update) {
    return route(
        new Request(
            update.ytVideoId(),
            update.joystreamChannelId(),
            "UpdateVideoMetadata",
            member -> askUpdate.apply(member, update)));
  }

  private CompletionStage<CreationResult> route(Request video) {
    long channelId = video.channelId();
    return channels
        .apply(channelId)
        .thenCompose(channel -> route(video, channel, new HashSet<>()))
        .exceptionally(
            e ->
                new Refused(
                    video.ytVideoId(),
                    Refused.UNAVAILABLE,
                    "could not read channel "
                        + channelId
                        + "'s collaborators from the chain: "
                        + Signing.describe(e),
                    true));
  }

  /** Marks accounts whose status says they take no work, until the next look. */
  void observe(List<AccountStatus> statuses) {
    for (AccountStatus s : statuses) {
      if (s.takesWork()) {
        troubledUntil.remove(s.memberId());
      } else {
        trouble(s.memberId());
      }
    }
  }

  private CompletionStage<CreationResult> route(
      Request video, Optional<ChannelInfo> channel, Set<Long> tried) {
    String id = video.ytVideoId();
    long channelId = video.channelId();
    if (channel.isEmpty()) {
      return done(
          new Refused(
              id,
              Refused.CHANNEL_NOT_FOUND,
              "Joystream channel " + channelId + " does not exist",
              false));
    }
    List<Long> allowed =
        members.stream().filter(m -> channel.get().allows(m, video.permission())).toList();
    if (allowed.isEmpty()) {
      return done(
          new Refused(
              id,
              Refused.CHANNEL_NOT_COLLABORATOR,
              "none of joysync's members "
                  + members
                  + " is a collaborator of channel "
                  + channelId
                  + " with "
                  + video.permission(),
              false));
    }
    Instant now = clock.instant();
    List<Long> healthy = new ArrayList<>();
    for (long m : allowed) {
      Instant until = troubledUntil.get(m);
      if (!tried.contains(m) && (until == null || !until.isAfter(now))) {
        healthy.add(m);
      }
    }
    if (healthy.isEmpty()) {
      return done(
          new Refused(
              id,
              Refused.NO_ACCOUNT,
              "every account that may publish on channel "
                  + channelId
                  + " ("
                  + allowed.stream().map(String::valueOf).collect(Collectors.joining(", "))
                  + ") is paused or fenced; ask again later",
              true));
    }
    long member = healthy.stream().max(Comparator.comparingLong(m -> weight(channelId, m))).get();
    return video
        .ask()
        .apply(member)
        .thenCompose(
            result -> {
              if (result instanceof Refused r && stopsAccount(r.code())) {
                trouble(member);
                tried.add(member);
                boolean other = healthy.size() > 1;
                return other ? route(video, channel, tried) : done(result);
              }
              return done(result);
            });
  }

  private static CompletionStage<CreationResult> noUpdates(long member, VideoUpdate update) {
    return done(
        new Refused(
            update.ytVideoId(), Refused.NO_ACCOUNT, "this router publishes no updates", true));
  }

  private void trouble(long member) {
    troubledUntil.put(member, clock.instant().plus(troublePeriod));
  }

  private static boolean stopsAccount(String code) {
    return code.equals(Refused.ACCOUNT_LOW_FUNDS)
        || code.equals(Refused.ACCOUNT_FENCED)
        || code.equals(Refused.NO_ACCOUNT);
  }

  /** Rendezvous hashing: a stable, evenly spread choice that moves few channels when one leaves. */
  static long weight(long channelId, long memberId) {
    long x = channelId * 0x9E3779B97F4A7C15L ^ (memberId + 0x632BE59BD9B4E019L);
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    x *= 0xC4CEB9FE1A85EC53L;
    return x ^ (x >>> 33);
  }

  private static CompletionStage<CreationResult> done(CreationResult r) {
    return CompletableFuture.completedFuture(r);
  }
}
