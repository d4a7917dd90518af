package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.DataObject;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.RuntimeCall.ObjectParams;
import io.joysync.devnet.chain.RuntimeCall.StorageAssets;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The storage pallet's part of content calls: checking and creating data objects in a channel's
 * dynamic bag against every bucket's voucher, the per-megabyte fee and the object bloat bond (in
 * the runtime's check order), deleting them, and accepting pending objects for an operator.
 */
final class StoragePallet {
  static final long MAX_DATA_OBJECT_SIZE = 64_424_509_440L;
  static final int CID_LENGTH = 46;
  private static final BigInteger MEGABYTE = BigInteger.valueOf(1_048_576);

  private final ChainState state;
  private final EventLog events;
  private final Treasury treasury;

  StoragePallet(ChainState state, EventLog events, Treasury treasury) {
    this.state = state;
    this.events = events;
    this.treasury = treasury;
  }

  /** ceil(total bytes / 1 MiB) x per-megabyte fee, one rounding for the whole upload. */
  BigInteger dataSizeFee(StorageAssets assets) {
    BigInteger total = BigInteger.valueOf(assets.totalSize());
    BigInteger megabytes = total.add(MEGABYTE).subtract(BigInteger.ONE).divide(MEGABYTE);
    return megabytes.multiply(state.dataObjectPerMegabyteFee);
  }

  /** What an upload costs its payer: the storage fee plus one bloat bond per object. */
  BigInteger uploadCost(StorageAssets assets) {
    BigInteger bonds =
        state.dataObjectStateBloatBond.multiply(BigInteger.valueOf(assets.objects().size()));
    return dataSizeFee(assets).add(bonds);
  }

  Bag bagOrFail(long channelId) {
    return state.channelBag(channelId).orElseThrow(Errors.DYNAMIC_BAG_DOESNT_EXIST::failure);
  }

  /** The runtime's can_upload_data_objects checks, first failure wins. */
  void checkUpload(long channelId, StorageAssets assets, AccountId payer) {
    Bag bag = bagOrFail(channelId);
    checkObjects(assets);
    checkVouchers(bag.storedBy(), assets);
    checkBalance(payer, assets);
  }

  void checkObjects(StorageAssets assets) {
    if (assets.objects().isEmpty()) {
      throw Errors.NO_OBJECTS_ON_UPLOAD.failure();
    }
    if (!assets.expectedDataSizeFee().equals(state.dataObjectPerMegabyteFee)) {
      throw Errors.DATA_SIZE_FEE_CHANGED.failure();
    }
  }

  void checkObjectBond(BigInteger expected) {
    if (!expected.equals(state.dataObjectStateBloatBond)) {
      throw Errors.DATA_OBJECT_BOND_CHANGED.failure();
    }
  }

  void checkEachObject(StorageAssets assets) {
    if (state.uploadingBlocked) {
      throw Errors.UPLOADING_BLOCKED.failure();
    }
    for (ObjectParams o : assets.objects()) {
      if (Long.compareUnsigned(o.size(), MAX_DATA_OBJECT_SIZE) > 0) {
        throw Errors.MAX_DATA_OBJECT_SIZE.failure();
      }
      if (o.size() == 0) {
        throw Errors.ZERO_OBJECT_SIZE.failure();
      }
      if (o.ipfsContentId().length == 0) {
        throw Errors.EMPTY_CONTENT_ID.failure();
      }
      if (o.ipfsContentId().length != CID_LENGTH) {
        throw Errors.INVALID_CID_LENGTH.failure();
      }
      if (state.blacklist.contains(new String(o.ipfsContentId(), StandardCharsets.ISO_8859_1))) {
        throw Errors.DATA_OBJECT_BLACKLISTED.failure();
      }
    }
  }

  void checkVouchers(Collection<Long> bucketIds, StorageAssets assets) {
    long n = assets.objects().size();
    long size = assets.totalSize();
    for (long id : bucketIds) {
      StorageBucket b = state.bucket(id).orElseThrow(Errors.STORAGE_BUCKET_DOESNT_EXIST::failure);
      if (n > b.objectsLimit() - b.objectsUsed()) {
        throw Errors.BUCKET_OBJECT_NUMBER_LIMIT.failure();
      }
      if (size > b.sizeLimit() - b.sizeUsed()) {
        throw Errors.BUCKET_OBJECT_SIZE_LIMIT.failure();
      }
    }
  }

  void checkBalance(AccountId payer, StorageAssets assets) {
    if (state.account(payer).free().compareTo(uploadCost(assets)) < 0) {
      throw Errors.STORAGE_INSUFFICIENT_BALANCE.failure();
    }
  }

  /**
   * Creates the objects (ids from NextDataObjectId in list order), charges fee and bonds, updates
   * bag and vouchers and emits VoucherChanged and DataObjectsUploaded. Checks must have passed.
   */
  List<Long> upload(long channelId, StorageAssets assets, AccountId payer) {
    Bag bag = bagOrFail(channelId);
    BigInteger fee = dataSizeFee(assets);
    BigInteger bond = state.dataObjectStateBloatBond;
    treasury.burn(payer, fee);
    List<Long> ids = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    List<String> cids = new ArrayList<>();
    for (ObjectParams o : assets.objects()) {
      long id = state.nextDataObjectId.get();
      state.nextDataObjectId.set(id + 1);
      treasury.payBond(payer, Treasury.STORAGE, bond);
      state.dataObjects.put(
          id, new DataObject(id, channelId, false, bond, payer, o.size(), o.ipfsContentId()));
      ids.add(id);
      sizes.add(o.size());
      cids.add(new String(o.ipfsContentId(), StandardCharsets.ISO_8859_1));
    }
    long total = assets.totalSize();
    state.bags.put(
        channelId,
        new Bag(
            channelId,
            bag.storedBy(),
            bag.objectsTotalSize() + total,
            bag.objectsNumber() + ids.size()));
    for (long bucketId : bag.storedBy()) {
      StorageBucket b = state.bucket(bucketId).orElseThrow();
      StorageBucket next = b.withUsage(b.sizeUsed() + total, b.objectsUsed() + ids.size());
      state.buckets.put(bucketId, next);
      events.voucherChanged(next);
    }
    byte[] list = Arrays.copyOf(assets.bytes(), assets.bytes().length - 16);
    events.dataObjectsUploaded(
        ids,
        channelId,
        list,
        payer,
        assets.expectedDataSizeFee(),
        state.dataObjectStateBloatBond,
        bond,
        new ChainEvent.DataObjectsUploaded(channelId, ids, sizes, cids));
    return ids;
  }

  /** Deletes objects of a bag, repaying their bonds to {@code account}, and frees the vouchers. */
  void delete(long channelId, Collection<Long> ids, AccountId account) {
    if (ids.isEmpty()) {
      return;
    }
    Bag bag = bagOrFail(channelId);
    long size = 0;
    for (long id : ids) {
      DataObject o =
          state.dataObject(channelId, id).orElseThrow(Errors.DATA_OBJECT_DOESNT_EXIST::failure);
      size += o.size();
      treasury.repayBond(Treasury.STORAGE, o.bondAccount(), o.bloatBond());
      state.dataObjects.remove(id);
    }
    state.bags.put(
        channelId,
        new Bag(
            channelId,
            bag.storedBy(),
            bag.objectsTotalSize() - size,
            bag.objectsNumber() - ids.size()));
    for (long bucketId : bag.storedBy()) {
      StorageBucket b = state.bucket(bucketId).orElseThrow();
      StorageBucket next = b.withUsage(b.sizeUsed() - size, b.objectsUsed() - ids.size());
      state.buckets.put(bucketId, next);
      events.voucherChanged(next);
    }
    events.dataObjectsDeleted(account, channelId, new TreeSet<>(ids));
  }

  /** Creates a channel's dynamic bag stored by the given buckets. */
  void createBag(long channelId, SortedSet<Long> storageBuckets) {
    for (long id : storageBuckets) {
      StorageBucket b = state.bucket(id).orElseThrow();
      state.buckets.put(id, b.withAssignedBags(b.assignedBags() + 1));
    }
    state.bags.put(channelId, new Bag(channelId, storageBuckets, 0, 0));
  }

  void deleteBag(long channelId) {
    Bag bag = bagOrFail(channelId);
    for (long id : bag.storedBy()) {
      state
          .bucket(id)
          .ifPresent(b -> state.buckets.put(id, b.withAssignedBags(b.assignedBags() - 1)));
    }
    state.bags.remove(channelId);
  }

  /** accept_pending_data_objects as the bucket's operator: marks objects accepted. */
  void acceptPending(long bucketId, long channelId, Collection<Long> ids) {
    StorageBucket bucket =
        state.bucket(bucketId).orElseThrow(Errors.STORAGE_BUCKET_DOESNT_EXIST::failure);
    Bag bag = bagOrFail(channelId);
    if (!bag.storedBy().contains(bucketId)) {
      throw Errors.STORAGE_BUCKET_NOT_BOUND.failure();
    }
    List<Long> accepted = new ArrayList<>();
    for (long id : ids) {
      DataObject o =
          state.dataObject(channelId, id).orElseThrow(Errors.DATA_OBJECT_DOESNT_EXIST::failure);
      state.dataObjects.put(id, o.accept());
      accepted.add(id);
    }
    events.pendingDataObjectsAccepted(bucketId, bucket.workerId(), channelId, accepted);
  }
}
