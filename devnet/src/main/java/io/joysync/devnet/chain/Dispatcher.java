package io.joysync.devnet.chain;

import io.joysync.devnet.chain.RuntimeCall.Batch;
import io.joysync.joystream.keys.AccountId;

/**
 * Routes a decoded call to its pallet with a signed origin, and implements pallet-utility's batch
 * (stop at the first failure, keep earlier items, BatchInterrupted), batch_all (all or nothing, the
 * extrinsic fails with the item's error) and force_batch (ItemFailed, carry on). Each item is
 * dispatched in its own storage layer, as every call is in the runtime.
 */
final class Dispatcher {
  private final ChainState state;
  private final EventLog events;
  private final ContentPallet content;
  private final ChannelCalls channels;
  private final AccountCalls accounts;

  Dispatcher(
      ChainState state,
      EventLog events,
      ContentPallet content,
      ChannelCalls channels,
      AccountCalls accounts) {
    this.state = state;
    this.events = events;
    this.content = content;
    this.channels = channels;
    this.accounts = accounts;
  }

  /** Dispatches in a storage layer: on failure every write of the call is undone. */
  void dispatch(AccountId sender, RuntimeCall call) {
    int mark = state.journal.mark();
    try {
      route(sender, call);
    } catch (DispatchError.Failure f) {
      state.journal.rollback(mark);
      throw f;
    }
  }

  private void route(AccountId sender, RuntimeCall call) {
    if (call instanceof RuntimeCall.CreateVideo c) {
      content.createVideo(sender, c);
    } else if (call instanceof RuntimeCall.UpdateVideo c) {
      content.updateVideo(sender, c);
    } else if (call instanceof RuntimeCall.DeleteVideo c) {
      content.deleteVideo(sender, c);
    } else if (call instanceof RuntimeCall.CreateChannel c) {
      channels.createChannel(sender, c);
    } else if (call instanceof RuntimeCall.UpdateChannel c) {
      channels.updateChannel(sender, c);
    } else if (call instanceof RuntimeCall.DeleteChannel c) {
      channels.deleteChannel(sender, c);
    } else if (call instanceof RuntimeCall.Transfer c) {
      accounts.transfer(sender, c);
    } else if (call instanceof RuntimeCall.BuyMembership c) {
      accounts.buyMembership(sender, c);
    } else if (call instanceof Batch b) {
      batch(sender, b);
    } else {
      throw DispatchError.badOrigin().failure();
    }
  }

  private void batch(AccountId sender, Batch b) {
    if (b.calls().size() > CallDecoder.BATCHED_CALLS_LIMIT) {
      throw Errors.TOO_MANY_CALLS.failure();
    }
    boolean anyFailed = false;
    for (int i = 0; i < b.calls().size(); i++) {
      try {
        dispatch(sender, b.calls().get(i));
        events.itemCompleted();
      } catch (DispatchError.Failure f) {
        switch (b.callIndex()) {
          case Batch.BATCH_ALL -> throw f;
          case Batch.BATCH -> {
            events.batchInterrupted(i, f.error());
            return;
          }
          default -> {
            anyFailed = true;
            events.itemFailed(f.error());
          }
        }
      }
    }
    if (anyFailed) {
      events.batchCompletedWithErrors();
    } else {
      events.batchCompleted();
    }
  }
}
