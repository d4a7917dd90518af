package io.joysync.engine.discovery;

import io.joysync.engine.channel.ChannelEntity.AutoOptOutReason;
import io.joysync.engine.discovery.ChainWatchStore.Position;
import io.joysync.engine.video.UnavailableReason;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.rpc.ChainTypes.Header;
import io.joysync.joystream.rpc.RpcSubscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the chain without polling: subscribed to finalized heads, it reads every finalized
 * block's events in order and acts on those about channels in the program: the collaborator lost
 * its {@code AddVideo} permission (or the channel changed hands without it) -> auto opt-out,
 * collaborator revoked; the Joystream channel deleted -> auto opt-out, channel deleted; a video
 * joysync created deleted -> the video becomes {@code VideoUnavailable::Deleted} unless it is
 * final. The last processed block is stored after its actions, and the watch resumes after it, so
 * no block is missed; the actions are idempotent, so the one block a crash may repeat changes
 * nothing twice. Events about unknown channels and videos are skipped. One instance runs in the
 * cluster.
 */
final class ChainWatch {

  private static final Logger log = LoggerFactory.getLogger(ChainWatch.class);

  interface Command {}

  private record Started(Position from) implements Command {}

  private record StartFailed(Throwable error) implements Command {}

  private record Head(long number) implements Command {}

  private enum Subscribe implements Command {
    INSTANCE
  }

  private record SubscriptionEnded(Throwable error) implements Command {}

  private record BlockDone(Position position) implements Command {}

  private record BlockFailed(long number, Throwable error) implements Command {}

  private enum Resume implements Command {
    INSTANCE
  }

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final ChainEvents chain;
  private final ChainWatchStore store;
  private final ChannelActions actions;
  private final DiscoverySettings.Chain settings;
  private final Clock clock;
  private final DiscoveryCounters counters;

  private ChainWatch(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      ChainEvents chain,
      ChainWatchStore store,
      ChannelActions actions,
      DiscoverySettings.Chain settings,
      Clock clock,
      DiscoveryCounters counters) {
    this.ctx = ctx;
    this.timers = timers;
    this.chain = chain;
    this.store = store;
    this.actions = actions;
    this.settings = settings;
    this.clock = clock;
    this.counters = counters;
  }

  static Behavior<Command> create(
      ChainEvents chain,
      ChainWatchStore store,
      ChannelActions actions,
      DiscoverySettings.Chain settings,
      Clock clock,
      DiscoveryCounters counters) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new ChainWatch(ctx, timers, chain, store, actions, settings, clock, counters)
                        .starting()));
  }

  /** Reads the stored position; a first start begins at the current finalized head. */
  private Behavior<Command> starting() {
    ctx.pipeToSelf(
        store
            .position()
            .thenCompose(
                p ->
                    p.isPresent()
                        ? CompletableFuture.completedFuture(p.get())
                        : chain
                            .finalizedHead()
                            .thenCompose(head -> store.savePosition(head).thenApply(d -> head))),
        (p, e) -> e == null ? new Started(p) : new StartFailed(e));
    return Behaviors.receive(Command.class)
        .onMessage(
            Started.class,
            s -> {
              log.info("chain watch resumes after finalized block {}", s.from().number());
              ctx.getSelf().tell(Subscribe.INSTANCE);
              return running(s.from(), s.from().number(), false);
            })
        .onMessage(
            StartFailed.class,
            f -> {
              log.warn(
                  "chain watch cannot start yet (retry in {}): {}",
                  settings.retry(),
                  FeedCheck.cause(f.error()).toString());
              timers.startSingleTimer(Resume.INSTANCE, settings.retry());
              return Behaviors.receive(Command.class)
                  .onMessageEquals(Resume.INSTANCE, this::starting)
                  .build();
            })
        .build();
  }

  private Behavior<Command> running(Position last, long target, boolean busy) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(
            Subscribe.INSTANCE,
            () -> {
              subscribe(ctx.getSelf());
              return Behaviors.same();
            })
        .onMessage(
            SubscriptionEnded.class,
            ended -> {
              log.info(
                  "finalized heads subscription ended ({}); subscribing again in {}",
                  ended.error() == null ? "closed" : FeedCheck.cause(ended.error()).toString(),
                  settings.retry());
              timers.startSingleTimer(Subscribe.INSTANCE, settings.retry());
              return Behaviors.same();
            })
        .onMessage(Head.class, h -> next(last, Math.max(target, h.number()), busy))
        .onMessage(BlockDone.class, d -> next(d.position(), target, false))
        .onMessage(
            BlockFailed.class,
            f -> {
              log.warn(
                  "block {} not processed yet (retry in {}): {}",
                  f.number(),
                  settings.retry(),
                  FeedCheck.cause(f.error()).toString());
              timers.startSingleTimer(Resume.INSTANCE, settings.retry());
              return running(last, target, true);
            })
        .onMessageEquals(Resume.INSTANCE, () -> next(last, target, false))
        .build();
  }

  private Behavior<Command> next(Position last, long target, boolean busy) {
    if (busy || last.number() >= target) {
      return running(last, target, busy);
    }
    long number = last.number() + 1;
    ctx.pipeToSelf(
        process(number), (p, e) -> e == null ? new BlockDone(p) : new BlockFailed(number, e));
    return running(last, target, true);
  }

  private void subscribe(ActorRef<Command> self) {
    CompletableFuture<RpcSubscription<Header>> subscription;
    try {
      subscription = chain.rpc().subscribeFinalizedHeads();
    } catch (RuntimeException e) {
      subscription = CompletableFuture.failedFuture(e);
    }
    subscription
        .thenCompose(s -> s.forEach(h -> self.tell(new Head(h.number()))))
        .whenComplete((done, error) -> self.tell(new SubscriptionEnded(error)));
  }

  private CompletionStage<Position> process(long number) {
    return chain
        .block(number)
        .thenCompose(
            block -> {
              List<CompletionStage<Done>> done = new ArrayList<>();
              for (JoystreamEvent e : block.events()) {
                done.add(act(e, block.hash(), number));
              }
              return CandidateResolver.all(done)
                  .thenCompose(
                      d -> {
                        Position p = new Position(number, block.hash());
                        return store.savePosition(p).thenApply(x -> p);
                      });
            })
        .thenApply(
            p -> {
              counters.blocksProcessed.increment();
              return p;
            });
  }

  private CompletionStage<Done> act(JoystreamEvent event, String blockHash, long number) {
    if (event instanceof JoystreamEvent.ChannelUpdated u) {
      return checkCollaborator(u.channelId(), blockHash, number);
    }
    if (event instanceof JoystreamEvent.ChannelTransferAccepted t) {
      return checkCollaborator(t.channelId(), blockHash, number);
    }
    if (event instanceof JoystreamEvent.ChannelDeleted d) {
      return optOut(d.channelId(), AutoOptOutReason.JOYSTREAM_CHANNEL_DELETED, number);
    }
    if (event instanceof JoystreamEvent.VideoDeleted d) {
      return videoDeleted(d.videoId(), number);
    }
    return done();
  }

  private CompletionStage<Done> checkCollaborator(long channelId, String blockHash, long number) {
    return store
        .channelsOf(channelId)
        .thenCompose(
            channels -> {
              if (channels.isEmpty()) {
                return done();
              }
              return chain
                  .channel(channelId, blockHash)
                  .thenCompose(
                      info -> {
                        if (info.isEmpty()) {
                          return optOut(
                              channelId, AutoOptOutReason.JOYSTREAM_CHANNEL_DELETED, number);
                        }
                        if (info.get().allows(settings.collaboratorMemberId(), "AddVideo")) {
                          return done();
                        }
                        return optOut(channelId, AutoOptOutReason.COLLABORATOR_REVOKED, number);
                      });
            });
  }

  private CompletionStage<Done> optOut(long channelId, AutoOptOutReason reason, long number) {
    return store
        .channelsOf(channelId)
        .thenCompose(
            channels -> {
              List<CompletionStage<Done>> done = new ArrayList<>();
              for (String youtubeChannel : channels) {
                log.info(
                    "block {}: Joystream channel {} -> channel {} opted out ({})",
                    number,
                    channelId,
                    youtubeChannel,
                    reason);
                counters.entityCommands.increment();
                counters.autoOptOuts.increment();
                done.add(actions.autoOptOut(youtubeChannel, reason, clock.instant()));
              }
              return CandidateResolver.all(done);
            });
  }

  private CompletionStage<Done> videoDeleted(long joystreamVideoId, long number) {
    return store
        .videoOf(joystreamVideoId)
        .thenCompose(
            video -> {
              Optional<String> state = video.flatMap(ChainWatchStore.VideoOnChain::state);
              if (video.isEmpty()
                  || state
                      .map(s -> s.equals("UploadSucceeded") || s.startsWith("VideoUnavailable"))
                      .orElse(false)) {
                return done();
              }
              counters.entityCommands.increment();
              return actions.markUnavailable(
                  video.get().videoId(),
                  UnavailableReason.DELETED,
                  "Joystream video " + joystreamVideoId + " deleted in block " + number,
                  clock.instant());
            });
  }

  private static CompletionStage<Done> done() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
