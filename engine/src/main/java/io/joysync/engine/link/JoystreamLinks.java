package io.joysync.engine.link;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Links a Joystream channel to the YouTube channel signing up with it, and finds the YouTube
 * channel a Joystream channel serves. A Joystream channel serves one YouTube channel at a time: one
 * whose channel is in the program with it (any status but opted out) keeps it; a holder that opted
 * out, or moved to another Joystream channel, or never completed its sign-up, gives it up to the
 * next claim. The link's entity is the one writer that decides; lookups through it see every
 * sign-up as soon as it is answered, unlike the read side, which trails the events.
 */
public final class JoystreamLinks {

  /** The YouTube channel linked to a Joystream channel, and its state now. */
  public record LinkedChannel(String youtubeChannelId, ChannelState state) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final Clock clock;

  public JoystreamLinks(ActorSystem<?> system, Duration askTimeout, Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  /**
   * Completes when {@code youtubeChannelId} holds the link; fails with the refusal's sentence
   * ("Joystream Channel N already connected with Youtube Channel Y.") when another channel keeps
   * it.
   */
  public CompletionStage<Done> claim(long joystreamChannelId, String youtubeChannelId) {
    var link = link(joystreamChannelId);
    return link.<Optional<String>>ask(JoystreamLinkEntity.Get::new, askTimeout)
        .thenCompose(
            holder ->
                holder.isEmpty() || holder.get().equals(youtubeChannelId)
                    ? CompletableFuture.completedFuture(Optional.<String>empty())
                    : releasedBy(holder.get(), joystreamChannelId))
        .thenCompose(
            released ->
                link.askWithStatus(
                    reply ->
                        new JoystreamLinkEntity.Claim(
                            youtubeChannelId, released, clock.instant(), reply),
                    askTimeout));
  }

  /**
   * The channel linked to the Joystream channel, if one is and it still names that Joystream
   * channel (whatever its status: an opted-out channel is still shown as linked).
   */
  public CompletionStage<Optional<LinkedChannel>> linkedChannel(long joystreamChannelId) {
    return link(joystreamChannelId)
        .<Optional<String>>ask(JoystreamLinkEntity.Get::new, askTimeout)
        .thenCompose(
            holder ->
                holder.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.<LinkedChannel>empty())
                    : state(holder.get())
                        .thenApply(
                            state ->
                                state
                                    .filter(s -> names(s, joystreamChannelId))
                                    .map(s -> new LinkedChannel(holder.get(), s))));
  }

  /**
   * The channel other than {@code youtubeChannelId} that keeps the link, if any: a quick refusal
   * before work is spent on a sign-up that {@link #claim} would refuse.
   */
  public CompletionStage<Optional<String>> keptByAnother(
      long joystreamChannelId, String youtubeChannelId) {
    return linkedChannel(joystreamChannelId)
        .thenApply(
            linked ->
                linked
                    .filter(l -> !l.youtubeChannelId().equals(youtubeChannelId))
                    .filter(l -> holds(l.state(), joystreamChannelId))
                    .map(LinkedChannel::youtubeChannelId));
  }

  /** The holder, if it no longer uses the link; empty if it still does. */
  private CompletionStage<Optional<String>> releasedBy(String holder, long joystreamChannelId) {
    return state(holder)
        .thenApply(
            state ->
                state.filter(s -> holds(s, joystreamChannelId)).isPresent()
                    ? Optional.empty()
                    : Optional.of(holder));
  }

  private EntityRef<JoystreamLinkEntity.Command> link(long joystreamChannelId) {
    return sharding.entityRefFor(JoystreamLinkEntity.ENTITY_KEY, Long.toString(joystreamChannelId));
  }

  private CompletionStage<Optional<ChannelState>> state(String youtubeChannelId) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeChannelId)
        .ask(ChannelEntity.Get::new, askTimeout);
  }

  private static boolean names(ChannelState s, long joystreamChannelId) {
    return s.registration().filter(r -> r.joystreamChannelId() == joystreamChannelId).isPresent();
  }

  private static boolean holds(ChannelState s, long joystreamChannelId) {
    return names(s, joystreamChannelId) && !s.status().isOptedOut();
  }
}
