package io.joysync.engine.link;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Links a Joystream channel to the YouTube channel signing up with it. A Joystream channel serves
 * one YouTube channel at a time: one whose channel is in the program with it (any status but opted
 * out) keeps it; a holder that opted out, or moved to another Joystream channel, or never completed
 * its sign-up, gives it up to the next claim.
 */
public final class JoystreamLinks {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public JoystreamLinks(ActorSystem<?> system, Duration askTimeout) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = askTimeout;
  }

  /**
   * Completes when {@code youtubeChannelId} holds the link; fails with the refusal's sentence
   * ("Joystream Channel N already connected with Youtube Channel Y.") when another channel keeps
   * it.
   */
  public CompletionStage<Done> claim(long joystreamChannelId, String youtubeChannelId) {
    var link =
        sharding.entityRefFor(JoystreamLinkEntity.ENTITY_KEY, Long.toString(joystreamChannelId));
    return link.<Optional<String>>ask(JoystreamLinkEntity.Get::new, askTimeout)
        .thenCompose(
            holder ->
                holder.isEmpty() || holder.get().equals(youtubeChannelId)
                    ? CompletableFuture.completedFuture(Optional.<String>empty())
                    : releasedBy(holder.get(), joystreamChannelId))
        .thenCompose(
            released ->
                link.askWithStatus(
                    reply -> new JoystreamLinkEntity.Claim(youtubeChannelId, released, reply),
                    askTimeout));
  }

  /** The holder, if it no longer uses the link; empty if it still does. */
  private CompletionStage<Optional<String>> releasedBy(String holder, long joystreamChannelId) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, holder)
        .<Optional<ChannelState>>ask(ChannelEntity.Get::new, askTimeout)
        .thenApply(
            state ->
                state.filter(s -> holds(s, joystreamChannelId)).isPresent()
                    ? Optional.empty()
                    : Optional.of(holder));
  }

  private static boolean holds(ChannelState s, long joystreamChannelId) {
    return s.registration().filter(r -> r.joystreamChannelId() == joystreamChannelId).isPresent()
        && !s.status().isOptedOut();
  }
}
