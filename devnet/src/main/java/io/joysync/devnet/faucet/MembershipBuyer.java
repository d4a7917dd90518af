package io.joysync.devnet.faucet;

import io.joysync.joystream.call.BuyMembership;
import io.joysync.joystream.content.proto.MembershipMetadata;
import io.joysync.joystream.crypto.StorageKey;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.ChainTypes;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import io.joysync.joystream.rpc.RpcSubscription;
import io.joysync.joystream.rpc.TransactionPoolException;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.storage.AccountInfo;
import io.joysync.joystream.storage.ChainState;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Buys a membership on the chain the way Joystream's faucet does, as an ordinary client of the
 * node's JSON-RPC: the faucet account signs {@code members.buy_membership} for the new account
 * (root and controller) after checking that the account is fresh (no nonce, no balance), submits it
 * with {@code author_submitAndWatchExtrinsic}, waits for the block that includes it and reads that
 * block's events for {@code Members.MembershipBought}. A dispatch failure comes back as the
 * runtime's error name (e.g. {@code HandleAlreadyRegistered}). Not thread-safe: the faucet calls it
 * from one thread, so nonces never collide.
 */
final class MembershipBuyer implements AutoCloseable {
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  /** A bought membership and where it was included. */
  record Bought(long memberId, long block, String blockHash) {}

  private final URI chainUrl;
  private final KeyPair payer;
  private final Duration inclusionTimeout;
  private JoystreamRpc rpc;
  private SystemEvents events;
  private JoystreamEvents views;
  private ChainState state;

  MembershipBuyer(URI chainUrl, KeyPair payer, Duration inclusionTimeout) {
    this.chainUrl = chainUrl;
    this.payer = payer;
    this.inclusionTimeout = inclusionTimeout;
  }

  Bought buy(AccountId account, String handle, byte[] metadata) throws Exception {
    JoystreamRpc node = connected();
    AccountInfo info = get(state.account(account, null));
    if (info.nonce() != 0 || info.free().signum() != 0) {
      throw new FaucetRefusal(
          400, "OnlyNewAccountsCanBeUsedForScreenedMembers", "the account was used before");
    }
    ChainTypes.RuntimeVersion version = get(node.runtimeVersion(null));
    ChainIdentity chain =
        new ChainIdentity(
            version.specVersion(),
            version.transactionVersion(),
            Hex.decode(get(node.genesisHash())));
    long nonce = get(node.accountNextIndex(payer.address()));
    byte[] extrinsic =
        SignedExtrinsic.sign(
                payer,
                new BuyMembership(
                    account, account, Optional.of(handle), metadata, Optional.empty()),
                chain,
                TransactionParams.immortal(nonce, BigInteger.ZERO))
            .encode();
    String blockHash = awaitInclusion(node, extrinsic);
    ChainTypes.Block block = get(node.block(blockHash));
    String hex = Hex.encode(extrinsic);
    int index = -1;
    for (int i = 0; i < block.extrinsics().size() && index < 0; i++) {
      index = block.extrinsics().get(i).equalsIgnoreCase(hex) ? i : -1;
    }
    if (index < 0) {
      throw new FaucetRefusal(500, "TransactionError", "the extrinsic is not in its block");
    }
    byte[] raw =
        get(node.storage(StorageKey.plain("System", "Events").bytes(), blockHash))
            .orElseThrow(
                () -> new FaucetRefusal(500, "TransactionError", "the block has no events"));
    List<EventRecord> records = events.decode(raw);
    for (EventRecord r : records) {
      if (!r.ofExtrinsic(index)) {
        continue;
      }
      if (r.is("Members", "MembershipBought")) {
        return new Bought(r.field(0).asLong(), block.header().number(), blockHash);
      }
      Optional<JoystreamEvent> view = views.view(r);
      if (view.isPresent() && view.get() instanceof JoystreamEvent.ExtrinsicFailed failed) {
        String name =
            failed.error() instanceof io.joysync.joystream.events.DispatchError.Module m
                ? m.error()
                : failed.error().describe();
        if (name.equals("NotEnoughBalanceToBuyMembership")) {
          throw new FaucetRefusal(500, "FaucetExhausted", "the paying account is out of funds");
        }
        throw new FaucetRefusal(400, name, "the chain refused the membership");
      }
    }
    throw new FaucetRefusal(500, "TransactionError", "no MembershipBought event in the block");
  }

  /** The membership metadata protobuf the faucet attaches (name, avatar URI, about). */
  static byte[] metadata(Optional<String> name, Optional<String> avatar, Optional<String> about) {
    MembershipMetadata.Builder b = MembershipMetadata.newBuilder();
    name.ifPresent(b::setName);
    avatar.ifPresent(b::setAvatarUri);
    about.ifPresent(b::setAbout);
    return b.build().toByteArray();
  }

  private String awaitInclusion(JoystreamRpc node, byte[] extrinsic) throws Exception {
    RpcSubscription<TransactionStatus> watch;
    try {
      watch = get(node.submitAndWatchExtrinsic(extrinsic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransactionPoolException pool) {
        throw new FaucetRefusal(
            400, "TransactionError", "the pool refused it: " + pool.getMessage());
      }
      throw e;
    }
    CompletableFuture<String> included = new CompletableFuture<>();
    watch
        .forEach(
            status -> {
              if (status instanceof TransactionStatus.InBlock in) {
                included.complete(in.blockHash());
              } else if (status.isFinal()) {
                included.completeExceptionally(
                    new FaucetRefusal(400, "TransactionError", "the extrinsic ended " + status));
              }
            })
        .whenComplete(
            (done, e) ->
                included.completeExceptionally(
                    new FaucetRefusal(500, "TransactionError", "the watch ended early")));
    try {
      return included.get(inclusionTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FaucetRefusal refusal) {
        throw refusal;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new FaucetRefusal(500, "TransactionError", "not included in " + inclusionTimeout);
    } finally {
      watch.cancel();
    }
  }

  private JoystreamRpc connected() throws Exception {
    if (rpc == null) {
      JoystreamRpc node = JoystreamRpc.connect(RpcSettings.of(chainUrl));
      try {
        RuntimeMetadata metadata = RuntimeMetadata.parse(get(node.metadata(null)));
        events = new SystemEvents(metadata);
        views = new JoystreamEvents(metadata);
        state = new ChainState(node, metadata);
      } catch (Exception e) {
        node.close();
        throw e;
      }
      rpc = node;
    }
    return rpc;
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (rpc != null) {
      rpc.close();
    }
  }
}
