package io.joysync.engine.signup;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.InitialIngestion;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.Tier;
import io.joysync.engine.link.JoystreamLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * An operator's batch of changes to channels (youtube-synch endpoints 10 to 13): suspend, verify
 * with a tier, the operator's ingestion switch, the category. Every channel of the batch is looked
 * up before the first change, so an unknown channel changes nothing; then the changes are applied
 * one after the other, in the order given. A verification sets the tier, and with it how many of
 * the channel's newest uploads are synced: when syncing is on, they are tracked afterwards ({@link
 * InitialIngestion}).
 */
public final class OperatorChanges {

  /** How many channels of a batch are looked up at once. */
  static final int LOOKUP_PARALLELISM = 16;

  /** One change to one channel. */
  public sealed interface Change {
    long joystreamChannelId();

    ChannelEntity.Command command(Instant at, ActorRef<StatusReply<ChannelState>> replyTo);

    /** Whether the channel's newest uploads are to be tracked after the change. */
    default boolean ingests() {
      return false;
    }
  }

  public record Suspend(long joystreamChannelId, SuspensionReason reason) implements Change {
    @Override
    public ChannelEntity.Command command(Instant at, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.Suspend(reason, at, replyTo);
    }
  }

  public record Verify(long joystreamChannelId, Tier tier) implements Change {
    @Override
    public ChannelEntity.Command command(Instant at, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.Verify(tier, at, replyTo);
    }

    @Override
    public boolean ingests() {
      return true;
    }
  }

  public record SetOperatorIngestion(long joystreamChannelId, boolean allow) implements Change {
    @Override
    public ChannelEntity.Command command(Instant at, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.SetOperatorIngestion(allow, replyTo);
    }
  }

  public record SetCategory(long joystreamChannelId, String videoCategoryId) implements Change {
    @Override
    public ChannelEntity.Command command(Instant at, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.SetCategoryByOperator(videoCategoryId, replyTo);
    }
  }

  public sealed interface Result permits Applied, Refused {}

  /** Every change of the batch was applied. */
  public enum Applied implements Result {
    INSTANCE
  }

  /** Why a batch stopped; {@link #code()} is stable, the data phrases the sentence. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** A channel of the batch is not in the program: nothing was changed. */
  public record ChannelMissing(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /**
   * A channel refused its change (a suspended channel's verification, say); the changes before it
   * in the batch were applied, none after it.
   */
  public record ChannelRefused(long joystreamChannelId, String reason) implements Refused {
    @Override
    public String code() {
      return "REFUSED";
    }
  }

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final InitialIngestion ingestion;
  private final boolean syncEnabled;
  private final Duration timeout;
  private final Clock clock;

  public OperatorChanges(
      ActorSystem<?> system,
      JoystreamLinks links,
      InitialIngestion ingestion,
      boolean syncEnabled,
      Duration askTimeout,
      Clock clock) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.ingestion = ingestion;
    this.syncEnabled = syncEnabled;
    this.timeout = askTimeout;
    this.clock = clock;
  }

  public CompletionStage<Result> apply(List<? extends Change> changes) {
    return Source.from(changes)
        .mapAsync(
            LOOKUP_PARALLELISM,
            c ->
                links
                    .linkedChannel(c.joystreamChannelId())
                    .thenApply(found -> found.map(JoystreamLinks.LinkedChannel::youtubeChannelId)))
        .runWith(Sink.seq(), system)
        .thenCompose(
            youtubeIds -> {
              for (int i = 0; i < changes.size(); i++) {
                if (youtubeIds.get(i).isEmpty()) {
                  return done(new ChannelMissing(changes.get(i).joystreamChannelId()));
                }
              }
              return applyInOrder(changes, youtubeIds, 0);
            });
  }

  private CompletionStage<Result> applyInOrder(
      List<? extends Change> changes, List<Optional<String>> youtubeIds, int i) {
    if (i == changes.size()) {
      return done(Applied.INSTANCE);
    }
    Change change = changes.get(i);
    String youtubeId = youtubeIds.get(i).orElseThrow();
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeId)
        .<StatusReply<ChannelState>>ask(reply -> change.command(clock.instant(), reply), timeout)
        .thenCompose(
            reply -> {
              if (reply.isError()) {
                return done(
                    new ChannelRefused(change.joystreamChannelId(), reply.getError().getMessage()));
              }
              if (change.ingests() && syncEnabled) {
                ingestion.start(youtubeId, reply.getValue());
              }
              return applyInOrder(changes, youtubeIds, i + 1);
            });
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }
}
