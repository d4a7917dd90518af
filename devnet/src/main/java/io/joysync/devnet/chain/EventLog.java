package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Encodes runtime events exactly as spec 2004 does (EventRecord = phase, pallet index, variant
 * index, fields, topics) and appends them to the block's System.Events, journaled so that a
 * rolled-back dispatch also drops its events. Each record also carries its {@link ChainEvent}.
 */
public final class EventLog {
  /** One System.Events entry. */
  public record Record(byte[] encoded, Optional<ChainEvent> domain) {}

  private static final int PHASE_APPLY = 0;
  private static final int PHASE_FINALIZATION = 1;
  private static final int PHASE_INITIALIZATION = 2;

  private final ChainState state;
  private int phase = PHASE_INITIALIZATION;
  private long extrinsicIndex;

  EventLog(ChainState state) {
    this.state = state;
  }

  void initialization() {
    phase = PHASE_INITIALIZATION;
  }

  void applyExtrinsic(long index) {
    phase = PHASE_APPLY;
    extrinsicIndex = index;
  }

  void finalization() {
    phase = PHASE_FINALIZATION;
  }

  /** The SCALE value of System.Events: compact count then the records. */
  static byte[] encodeAll(List<Record> records) {
    ScaleWriter w = new ScaleWriter();
    w.writeCompact(records.size());
    for (Record r : records) {
      w.writeBytes(r.encoded());
    }
    return w.toByteArray();
  }

  private void emit(int pallet, int variant, Consumer<ScaleWriter> fields, ChainEvent domain) {
    ScaleWriter w = new ScaleWriter();
    w.writeU8(phase);
    if (phase == PHASE_APPLY) {
      w.writeU32(extrinsicIndex);
    }
    w.writeU8(pallet).writeU8(variant);
    fields.accept(w);
    w.writeCompact(0);
    state.events.append(new Record(w.toByteArray(), Optional.ofNullable(domain)));
  }

  private static void dispatchInfo(ScaleWriter w, long weight, int dispatchClass, boolean paysFee) {
    w.writeCompact(weight).writeCompact(0).writeU8(dispatchClass).writeU8(paysFee ? 0 : 1);
  }

  static void bagId(ScaleWriter w, long channelId) {
    w.writeU8(1).writeU8(1).writeU64(channelId);
  }

  private static void ids(ScaleWriter w, Collection<Long> ids) {
    w.writeU64Set(ids);
  }

  void extrinsicSuccess(long weight, int dispatchClass, boolean paysFee) {
    emit(0, 0, w -> dispatchInfo(w, weight, dispatchClass, paysFee), null);
  }

  void extrinsicFailed(DispatchError error, long weight, int dispatchClass, boolean paysFee) {
    emit(
        0,
        1,
        w -> {
          error.encode(w);
          dispatchInfo(w, weight, dispatchClass, paysFee);
        },
        null);
  }

  /** System.CodeUpdated: the runtime's code was replaced (it runs from the next block). */
  void codeUpdated() {
    emit(0, 2, w -> {}, null);
  }

  void newAccount(AccountId who) {
    emit(0, 3, w -> w.writeBytes(who.bytes()), null);
  }

  void batchInterrupted(long index, DispatchError error) {
    emit(
        1,
        0,
        w -> {
          w.writeU32(index);
          error.encode(w);
        },
        null);
  }

  void batchCompleted() {
    emit(1, 1, w -> {}, null);
  }

  void batchCompletedWithErrors() {
    emit(1, 2, w -> {}, null);
  }

  void itemCompleted() {
    emit(1, 3, w -> {}, null);
  }

  void itemFailed(DispatchError error) {
    emit(1, 4, error::encode, null);
  }

  void endowed(AccountId who, BigInteger amount) {
    emit(5, 0, w -> w.writeBytes(who.bytes()).writeU128(amount), null);
  }

  void transfer(AccountId from, AccountId to, BigInteger amount) {
    emit(5, 2, w -> w.writeBytes(from.bytes()).writeBytes(to.bytes()).writeU128(amount), null);
  }

  void deposit(AccountId who, BigInteger amount) {
    emit(5, 7, w -> w.writeBytes(who.bytes()).writeU128(amount), null);
  }

  void withdraw(AccountId who, BigInteger amount) {
    emit(5, 8, w -> w.writeBytes(who.bytes()).writeU128(amount), null);
  }

  void transactionFeePaid(AccountId who, BigInteger fee, BigInteger tip) {
    emit(6, 0, w -> w.writeBytes(who.bytes()).writeU128(fee).writeU128(tip), null);
  }

  void membershipBought(long memberId, byte[] params, ChainEvent.MembershipBought domain) {
    emit(21, 2, w -> w.writeU64(memberId).writeBytes(params).writeU32(0), domain);
  }

  void channelCreated(
      long channelId,
      byte[] channelRecord,
      byte[] params,
      AccountId channelAccount,
      ChainEvent.ChannelCreated domain) {
    emit(
        26,
        5,
        w ->
            w.writeU64(channelId)
                .writeBytes(channelRecord)
                .writeBytes(params)
                .writeBytes(channelAccount.bytes()),
        domain);
  }

  void channelUpdated(
      byte[] actor,
      long channelId,
      byte[] params,
      Collection<Long> newIds,
      ChainEvent.ChannelUpdated domain) {
    emit(
        26,
        6,
        w -> {
          w.writeBytes(actor).writeU64(channelId).writeBytes(params);
          ids(w, newIds);
        },
        domain);
  }

  void channelDeleted(byte[] actor, long channelId) {
    emit(
        26,
        11,
        w -> w.writeBytes(actor).writeU64(channelId),
        new ChainEvent.ChannelDeleted(channelId));
  }

  void videoCreated(
      byte[] actor,
      long channelId,
      long videoId,
      byte[] params,
      Collection<Long> objectIds,
      ChainEvent.VideoCreated domain) {
    emit(
        26,
        17,
        w -> {
          w.writeBytes(actor).writeU64(channelId).writeU64(videoId).writeBytes(params);
          ids(w, objectIds);
        },
        domain);
  }

  /** VideoUpdated(actor, video id, VideoUpdateParameters, new data object ids). */
  void videoUpdated(byte[] actor, long videoId, byte[] params, ChainEvent.VideoUpdated domain) {
    emit(
        26,
        18,
        w -> {
          w.writeBytes(actor).writeU64(videoId).writeBytes(params);
          ids(w, List.of());
        },
        domain);
  }

  void videoDeleted(byte[] actor, long videoId) {
    emit(26, 19, w -> w.writeBytes(actor).writeU64(videoId), new ChainEvent.VideoDeleted(videoId));
  }

  /** DataObjectsUploaded(ids, UploadParameters, state bloat bond). */
  void dataObjectsUploaded(
      Collection<Long> objectIds,
      long channelId,
      byte[] objectCreationList,
      AccountId source,
      BigInteger expectedFee,
      BigInteger expectedBond,
      BigInteger bond,
      ChainEvent.DataObjectsUploaded domain) {
    emit(
        27,
        3,
        w -> {
          ids(w, objectIds);
          bagId(w, channelId);
          w.writeBytes(objectCreationList)
              .writeBytes(source.bytes())
              .writeU128(expectedFee)
              .writeU128(expectedBond)
              .writeU128(bond);
        },
        domain);
  }

  void pendingDataObjectsAccepted(
      long bucketId, long workerId, long channelId, Collection<Long> objectIds) {
    emit(
        27,
        6,
        w -> {
          w.writeU64(bucketId).writeU64(workerId);
          bagId(w, channelId);
          ids(w, objectIds);
        },
        new ChainEvent.DataObjectsAccepted(bucketId, channelId, List.copyOf(objectIds)));
  }

  void dataObjectsDeleted(AccountId account, long channelId, Collection<Long> objectIds) {
    emit(
        27,
        15,
        w -> {
          w.writeBytes(account.bytes());
          bagId(w, channelId);
          ids(w, objectIds);
        },
        new ChainEvent.DataObjectsDeleted(channelId, List.copyOf(objectIds)));
  }

  /** DynamicBagCreated(DynBagCreationParameters, object ids). */
  void dynamicBagCreated(
      long channelId,
      byte[] objectCreationList,
      AccountId source,
      BigInteger expectedFee,
      BigInteger expectedBond,
      Collection<Long> storageBuckets,
      Collection<Long> objectIds) {
    emit(
        27,
        19,
        w -> {
          w.writeU8(1).writeU64(channelId);
          w.writeBytes(objectCreationList)
              .writeBytes(source.bytes())
              .writeU128(expectedFee)
              .writeU128(expectedBond);
          ids(w, storageBuckets);
          w.writeCompact(0);
          ids(w, objectIds);
        },
        null);
  }

  void voucherChanged(StorageBucket bucket) {
    emit(
        27,
        20,
        w ->
            w.writeU64(bucket.id())
                .writeU64(bucket.sizeLimit())
                .writeU64(bucket.objectsLimit())
                .writeU64(bucket.sizeUsed())
                .writeU64(bucket.objectsUsed()),
        null);
  }
}
