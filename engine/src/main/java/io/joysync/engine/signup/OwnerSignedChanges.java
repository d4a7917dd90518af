package io.joysync.engine.signup;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelState;
import io.joysync.engine.channel.YppStatus;
import io.joysync.engine.link.JoystreamLinks;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.MessageSignature;
import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * A channel owner's change signed in a browser wallet (youtube-synch endpoints 7 to 9): switch
 * ingestion, opt out, change category. The message must be fresh (signed no longer than {@code
 * maxAge} ago, nor from further in the future than {@link #MAX_CLOCK_SKEW}); the Joystream channel
 * must be in the program and neither suspended nor opted out; the signature must verify against the
 * controller account of the channel's owner as Orion reports it; the channel entity then refuses
 * replays (a signing time not after its last action).
 *
 * <p>What the request may be refused for is a {@link Refused} with a stable code; failures of the
 * services it talks to (timeouts) fail the stage.
 */
public final class OwnerSignedChanges {

  /** A signed message may not claim to come from further in the future than this. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /** What the owner asks for; youtube-synch names each action in its refusals. */
  public sealed interface Change {
    String actionName();

    ChannelEntity.Command command(Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo);
  }

  /** Switch ingestion, optionally choosing the category at the same time. */
  public record SetIngestion(boolean shouldBeIngested, Optional<String> videoCategoryId)
      implements Change {
    @Override
    public String actionName() {
      return "IngestChannel";
    }

    @Override
    public ChannelEntity.Command command(
        Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.SetIngestion(shouldBeIngested, videoCategoryId, signedAt, replyTo);
    }
  }

  /** Leave the program ({@code optOut}) or only stop ingestion. */
  public record OptOut(boolean optOut) implements Change {
    @Override
    public String actionName() {
      return "OptoutChannel";
    }

    @Override
    public ChannelEntity.Command command(
        Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.OptOut(optOut, signedAt, replyTo);
    }
  }

  /** The category for videos ingested from now on. */
  public record SetCategory(String videoCategoryId) implements Change {
    @Override
    public String actionName() {
      return "UpdateChannelCategory";
    }

    @Override
    public ChannelEntity.Command command(
        Instant signedAt, ActorRef<StatusReply<ChannelState>> replyTo) {
      return new ChannelEntity.SetCategory(videoCategoryId, signedAt, replyTo);
    }
  }

  /**
   * The owner's request: the Joystream channel, the change, the time the message says it was
   * signed, the bytes the owner signed and the signature over them.
   */
  public record Request(
      long joystreamChannelId,
      Change change,
      Instant signedAt,
      byte[] signedBytes,
      byte[] signature) {}

  public sealed interface Result permits Changed, Refused {}

  /** The channel after the change. */
  public record Changed(ChannelState channel) implements Result {}

  /** Why a change was refused; {@link #code()} is stable, the data phrases the sentence. */
  public sealed interface Refused extends Result {
    String code();
  }

  /** Signed too long ago, or claiming a time too far ahead. */
  public enum Stale implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "INVALID_SIGNATURE";
    }
  }

  /** No channel of the program serves this Joystream channel. */
  public record ChannelMissing(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /** The channel is suspended or opted out: its owner may not change it. */
  public record NotAllowed(String actionName, YppStatus status) implements Refused {
    @Override
    public String code() {
      return "ACTION_NOT_ALLOWED";
    }
  }

  /** Orion knows no such Joystream channel, or one without an owner member. */
  public record NoOwner(long joystreamChannelId) implements Refused {
    @Override
    public String code() {
      return "CHANNEL_NOT_FOUND";
    }
  }

  /** The signature is not the owner's over these bytes. */
  public enum BadSignature implements Refused {
    INSTANCE;

    @Override
    public String code() {
      return "INVALID_SIGNATURE";
    }
  }

  /** The channel entity refused the change (a replayed message, say); its sentence. */
  public record ChannelRefused(String reason) implements Refused {
    @Override
    public String code() {
      return "ACTION_REFUSED";
    }
  }

  private final ClusterSharding sharding;
  private final JoystreamLinks links;
  private final OrionClient orion;
  private final Duration maxAge;
  private final Duration timeout;
  private final Clock clock;

  public OwnerSignedChanges(
      ActorSystem<?> system,
      JoystreamLinks links,
      OrionClient orion,
      Duration maxAge,
      Duration askTimeout,
      Clock clock) {
    this.sharding = ClusterSharding.get(system);
    this.links = links;
    this.orion = orion;
    this.maxAge = maxAge;
    this.timeout = askTimeout;
    this.clock = clock;
  }

  /**
   * Whether a message signed at {@code signedAt} may be acted on at {@code now}: not from further
   * in the future than the clocks' skew, not older than {@code maxAge}.
   */
  public static boolean fresh(Instant signedAt, Instant now, Duration maxAge) {
    return !signedAt.isAfter(now.plus(MAX_CLOCK_SKEW)) && !signedAt.isBefore(now.minus(maxAge));
  }

  public CompletionStage<Result> apply(Request r) {
    if (!fresh(r.signedAt(), clock.instant(), maxAge)) {
      return done(Stale.INSTANCE);
    }
    long id = r.joystreamChannelId();
    return links
        .linkedChannel(id)
        .thenCompose(
            linked -> {
              if (linked.isEmpty()) {
                return done(new ChannelMissing(id));
              }
              YppStatus status = linked.get().state().status();
              if (status.isSuspended() || status.isOptedOut()) {
                return done(new NotAllowed(r.change().actionName(), status));
              }
              String youtubeChannelId = linked.get().youtubeChannelId();
              return orion
                  .channelById(id)
                  .thenCompose(
                      joystream -> {
                        Optional<Refused> refused = verify(id, joystream, r);
                        return refused.isPresent()
                            ? done(refused.get())
                            : send(youtubeChannelId, r);
                      });
            });
  }

  private static Optional<Refused> verify(long id, Optional<OrionChannel> joystream, Request r) {
    var owner = joystream.flatMap(OrionChannel::owner);
    if (owner.isEmpty()) {
      return Optional.of(new NoOwner(id));
    }
    byte[] publicKey = AccountId.parse(owner.get().controllerAccount()).bytes();
    if (MessageSignature.verify(r.signedBytes(), r.signature(), publicKey, false).isEmpty()) {
      return Optional.of(BadSignature.INSTANCE);
    }
    return Optional.empty();
  }

  private CompletionStage<Result> send(String youtubeChannelId, Request r) {
    return sharding
        .entityRefFor(ChannelEntity.ENTITY_KEY, youtubeChannelId)
        .<StatusReply<ChannelState>>ask(reply -> r.change().command(r.signedAt(), reply), timeout)
        .thenApply(
            reply ->
                reply.isError()
                    ? new ChannelRefused(reply.getError().getMessage())
                    : new Changed(reply.getValue()));
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }
}
