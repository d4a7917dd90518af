package io.joysync.devnet.chain;

import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The devnet's executive: validates extrinsics as the runtime's validate_transaction does (signed
 * extensions in order: versions and genesis, mortality birth block, signature, non-zero sender,
 * nonce, weight and length, fee payment) and applies them to the state (nonce, fee withdrawal,
 * dispatch in a storage layer, ExtrinsicSuccess/Failed, TransactionFeePaid). Not thread-safe: the
 * node calls it under its lock.
 */
public final class Runtime {
  private static final int NORMAL = 0;
  private static final int MANDATORY = 2;

  /** A transaction the pool may keep: its validity tags and priority. */
  public record Validity(
      SignedExtrinsic extrinsic,
      RuntimeCall call,
      long callWeight,
      BigInteger fee,
      long priority,
      long accountNonce) {
    public boolean future() {
      return extrinsic.nonce() > accountNonce;
    }
  }

  /** How applying an extrinsic went; {@code included} false means it stays out of the block. */
  public record Outcome(boolean included, Optional<DispatchError> error, long weight) {}

  private final ChainState state;
  private final EventLog events;

  /**
   * The spec name of every runtime version (System.LastRuntimeUpgrade, state_getRuntimeVersion).
   */
  public static final String SPEC_NAME = "joystream-node";

  private volatile ChainIdentity identity;
  private ChainIdentity enacted;
  private final Dispatcher dispatcher;
  private final ContentPallet content;
  private final ChannelCalls channels;
  private final StoragePallet storage;
  private final AccountCalls accounts;
  private final Treasury treasury;

  public Runtime(ChainState state, ChainIdentity identity) {
    this.state = state;
    this.identity = identity;
    this.enacted = identity;
    state.lastRuntimeUpgrade = identity.specVersion();
    this.events = new EventLog(state);
    this.treasury = new Treasury(state, events);
    this.storage = new StoragePallet(state, events, treasury);
    this.content = new ContentPallet(state, events, treasury, storage);
    this.channels = new ChannelCalls(state, events, treasury, storage, content);
    this.accounts = new AccountCalls(state, events, treasury);
    this.dispatcher = new Dispatcher(state, events, content, channels, accounts);
  }

  public ChainState state() {
    return state;
  }

  /** The versions blocks are executed and extrinsics validated with from now on. */
  public ChainIdentity identity() {
    return identity;
  }

  /**
   * Enacts a runtime upgrade in the block being built, in its initialization (where Joystream's
   * proposals engine executes an approved runtime upgrade): System.CodeUpdated now, the new
   * versions once this block is sealed ({@link #runNewCode()}).
   */
  void setCode(ChainIdentity next) {
    events.initialization();
    events.codeUpdated();
    state.journal.commit();
    enacted = next;
  }

  /**
   * After a block is sealed: the next block runs the code the state holds now. Returns whether that
   * changed the versions.
   */
  boolean runNewCode() {
    if (enacted == identity) {
      return false;
    }
    identity = enacted;
    return true;
  }

  EventLog events() {
    return events;
  }

  ContentPallet content() {
    return content;
  }

  ChannelCalls channels() {
    return channels;
  }

  StoragePallet storage() {
    return storage;
  }

  AccountCalls accounts() {
    return accounts;
  }

  /**
   * Validates for the pool or for block inclusion. {@code current} is the number of the block the
   * transaction would go into; {@code hashOf} knows the hashes of blocks before it.
   *
   * @throws PoolRejection with the code and text a node answers
   */
  public Validity validate(byte[] bytes, long current, LongFunction<Optional<byte[]>> hashOf) {
    SignedExtrinsic x;
    RuntimeCall call;
    boolean unsupported = false;
    try {
      x = SignedExtrinsic.decode(bytes);
    } catch (ScaleException | IllegalArgumentException e) {
      throw PoolRejection.badFormat(e.getMessage());
    }
    if (!x.signed()) {
      throw PoolRejection.noUnsignedValidator();
    }
    try {
      call = CallDecoder.decode(x.call());
    } catch (ScaleException | IllegalArgumentException e) {
      throw PoolRejection.badFormat(e.getMessage());
    } catch (CallDecoder.UnsupportedCall e) {
      call = null;
      unsupported = true;
    }
    long birth = x.era().birth(current);
    boolean known =
        birth < current && (birth == 0 || current - birth <= ChainIdentity.BLOCK_HASH_COUNT);
    Optional<byte[]> birthHash = known ? hashOf.apply(birth) : Optional.empty();
    if (birthHash.isEmpty()) {
      throw PoolRejection.ancientBirthBlock();
    }
    byte[] payload =
        SignatureCheck.payload(
            x,
            identity.specVersion(),
            identity.transactionVersion(),
            identity.genesisHash(),
            birthHash.get());
    if (!SignatureCheck.verify(x, payload)) {
      throw PoolRejection.badProof();
    }
    if (Arrays.equals(x.signer().bytes(), new byte[32])) {
      throw PoolRejection.badSigner();
    }
    long accountNonce = state.account(x.signer()).nonce();
    if (x.nonce() < accountNonce) {
      throw PoolRejection.outdated();
    }
    if (unsupported) {
      throw PoolRejection.call();
    }
    long weight = Weights.callWeight(call);
    if (weight + Weights.EXTRINSIC_BASE_WEIGHT > Weights.NORMAL_MAX_EXTRINSIC
        || bytes.length > Weights.NORMAL_MAX_LENGTH) {
      throw PoolRejection.exhaustsResources();
    }
    BigInteger fee = Weights.inclusionFee(weight, bytes.length, state.nextFeeMultiplier);
    BigInteger free = state.account(x.signer()).free();
    if (free.compareTo(fee.add(x.tip()).add(ChainState.EXISTENTIAL_DEPOSIT)) < 0) {
      throw PoolRejection.payment();
    }
    long priority = Weights.priority(x.tip(), weight, bytes.length);
    return new Validity(x, call, weight, fee, priority, accountNonce);
  }

  /**
   * Starts a block: clears System.Events and puts the timestamp inherent's events. The first block
   * a new runtime runs records it in System.LastRuntimeUpgrade, as the executive does.
   */
  void initializeBlock() {
    state.events.reset();
    state.journal.commit();
    events.initialization();
    state.lastRuntimeUpgrade = identity.specVersion();
  }

  /** The timestamp.set inherent, always extrinsic 0. */
  void applyInherent(long index, RuntimeCall.TimestampSet call) {
    events.applyExtrinsic(index);
    events.extrinsicSuccess(Weights.callWeight(call), MANDATORY, false);
    state.journal.commit();
  }

  /**
   * Applies a validated signed extrinsic as extrinsic {@code index}. It is included when its nonce
   * is the account's and it can pay; the call's own failure is recorded, not thrown.
   */
  Outcome apply(Validity v, long index) {
    SignedExtrinsic x = v.extrinsic();
    if (state.account(x.signer()).nonce() != x.nonce()) {
      return new Outcome(false, Optional.empty(), 0);
    }
    events.applyExtrinsic(index);
    BigInteger charge = v.fee().add(x.tip());
    state.putAccount(x.signer(), state.account(x.signer()).withNonce(x.nonce() + 1));
    treasury.withdrawFee(x.signer(), charge);
    Optional<DispatchError> error = Optional.empty();
    try {
      dispatcher.dispatch(x.signer(), v.call());
    } catch (DispatchError.Failure f) {
      error = Optional.of(f.error());
    }
    events.transactionFeePaid(x.signer(), v.fee(), x.tip());
    if (error.isPresent()) {
      events.extrinsicFailed(error.get(), v.callWeight(), NORMAL, true);
    } else {
      events.extrinsicSuccess(v.callWeight(), NORMAL, true);
    }
    state.journal.commit();
    return new Outcome(true, error, v.callWeight() + Weights.EXTRINSIC_BASE_WEIGHT);
  }

  /**
   * Runs an action of an operator or owner (not a user extrinsic) in the block's initialization.
   */
  void applyOperatorAction(java.util.function.Consumer<Runtime> action) {
    events.initialization();
    int mark = state.journal.mark();
    try {
      action.accept(this);
    } catch (DispatchError.Failure f) {
      state.journal.rollback(mark);
    }
    state.journal.commit();
  }

  /** storage.accept_pending_data_objects by the bucket's operator. */
  public void acceptPendingDataObjects(long bucketId, long channelId, List<Long> ids) {
    storage.acceptPending(bucketId, channelId, ids);
  }

  private byte[] ownerActor(ChainRecords.Channel channel) {
    return new io.joysync.joystream.scale.ScaleWriter()
        .writeU8(1)
        .writeU64(channel.ownerMember())
        .toByteArray();
  }

  private AccountId ownerAccount(ChainRecords.Channel channel) {
    return state.member(channel.ownerMember()).orElseThrow().controller();
  }

  /** The channel owner deletes a video (content.delete_video by the owner). */
  public void deleteVideoAsOwner(long videoId) {
    ChainRecords.Video video =
        state.video(videoId).orElseThrow(Errors.VIDEO_DOES_NOT_EXIST::failure);
    ChainRecords.Channel channel = content.channelOrFail(video.channelId());
    content.removeVideo(ownerActor(channel), video, ownerAccount(channel));
  }

  /** The owner deletes every video of a channel, then the channel itself. */
  public void deleteChannelAsOwner(long channelId) {
    ChainRecords.Channel channel = content.channelOrFail(channelId);
    List<Long> videoIds = new java.util.ArrayList<>();
    state.videos.forEach(
        (id, v) -> {
          if (v.channelId() == channelId) {
            videoIds.add(id);
          }
        });
    videoIds.forEach(this::deleteVideoAsOwner);
    channels.removeChannel(
        ownerActor(channel), content.channelOrFail(channelId), ownerAccount(channel));
  }

  /** The owner drops a member from the channel's collaborators (update_channel by the owner). */
  public void removeCollaborator(long channelId, long memberId) {
    channels.removeCollaborator(channelId, memberId);
  }

  /** Storage working group lead sets a bucket's voucher limits (e.g. to make it full). */
  public void setBucketLimits(long bucketId, long sizeLimit, long objectsLimit) {
    ChainRecords.StorageBucket b =
        state.bucket(bucketId).orElseThrow(Errors.STORAGE_BUCKET_DOESNT_EXIST::failure);
    ChainRecords.StorageBucket next = b.withLimits(sizeLimit, objectsLimit);
    state.buckets.put(bucketId, next);
    events.voucherChanged(next);
  }

  List<EventLog.Record> blockEvents() {
    return state.events.snapshot();
  }
}
