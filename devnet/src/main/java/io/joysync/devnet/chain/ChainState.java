package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.AccountInfo;
import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.DataObject;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.ChainRecords.Video;
import io.joysync.joystream.keys.AccountId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The devnet's runtime storage: accounts, memberships, channels, videos, bags, data objects and
 * storage buckets, the id counters and the governance values (bonds, per-MB fee, membership price).
 * Every write goes through one {@link Journal}, so a failed dispatch can be undone exactly. At the
 * end of each block the changes are sealed into a versioned copy under the real storage keys, which
 * the RPC reads as of any recent block. Not thread-safe: the node serialises all access.
 */
public final class ChainState {
  public static final BigInteger EXISTENTIAL_DEPOSIT = BigInteger.valueOf(266_666_560L);

  final Journal journal = new Journal();
  final Journal.Table<AccountId, AccountInfo> accounts = journal.new Table<>();
  final Journal.Table<Long, Member> members = journal.new Table<>();
  final Journal.Table<String, Long> memberByHandle = journal.new Table<>();
  final Journal.Table<Long, Channel> channels = journal.new Table<>();
  final Journal.Table<Long, Video> videos = journal.new Table<>();
  final Journal.Table<Long, Bag> bags = journal.new Table<>();
  final Journal.Table<Long, DataObject> dataObjects = journal.new Table<>();
  final Journal.Table<Long, StorageBucket> buckets = journal.new Table<>();
  final Journal.Cell<Long> nextMemberId = journal.new Cell<>(0L);
  final Journal.Cell<Long> nextChannelId = journal.new Cell<>(1L);
  final Journal.Cell<Long> nextVideoId = journal.new Cell<>(1L);
  final Journal.Cell<Long> nextDataObjectId = journal.new Cell<>(0L);
  final Journal.Log<EventLog.Record> events = journal.new Log<>();
  private final StorageHistory history = new StorageHistory();
  private long horizon;

  BigInteger videoStateBloatBond = BigInteger.ZERO;
  BigInteger channelStateBloatBond = BigInteger.ZERO;
  BigInteger dataObjectStateBloatBond = BigInteger.ZERO;
  BigInteger dataObjectPerMegabyteFee = BigInteger.ZERO;
  BigInteger membershipPrice = BigInteger.ZERO;

  /**
   * System.LastRuntimeUpgrade: the spec version of the runtime that last ran a block, written by
   * the first block a new runtime executes (0 until the genesis runtime sets it).
   */
  long lastRuntimeUpgrade;

  /** FixedU128, 10^18 = 1. */
  BigInteger nextFeeMultiplier = BigInteger.TEN.pow(18);

  int channelBagStorageBuckets = 1;
  boolean uploadingBlocked;
  final Set<String> blacklist = new HashSet<>();

  public AccountInfo account(AccountId id) {
    return accounts.get(id).orElse(AccountInfo.empty());
  }

  public Optional<Member> member(long id) {
    return members.get(id);
  }

  public Optional<Channel> channel(long id) {
    return channels.get(id);
  }

  public Optional<Video> video(long id) {
    return videos.get(id);
  }

  public Optional<Bag> channelBag(long channelId) {
    return bags.get(channelId);
  }

  public Optional<DataObject> dataObject(long channelId, long id) {
    return dataObjects.get(id).filter(o -> o.channelId() == channelId);
  }

  public Optional<DataObject> dataObject(long id) {
    return dataObjects.get(id);
  }

  public Optional<StorageBucket> bucket(long id) {
    return buckets.get(id);
  }

  public List<StorageBucket> allBuckets() {
    List<StorageBucket> out = new ArrayList<>();
    buckets.forEach((k, v) -> out.add(v));
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  public long nextVideoId() {
    return nextVideoId.get();
  }

  public long nextChannelId() {
    return nextChannelId.get();
  }

  public long nextDataObjectId() {
    return nextDataObjectId.get();
  }

  public long nextMemberId() {
    return nextMemberId.get();
  }

  public BigInteger videoStateBloatBond() {
    return videoStateBloatBond;
  }

  public BigInteger channelStateBloatBond() {
    return channelStateBloatBond;
  }

  public BigInteger dataObjectStateBloatBond() {
    return dataObjectStateBloatBond;
  }

  public BigInteger dataObjectPerMegabyteFee() {
    return dataObjectPerMegabyteFee;
  }

  public BigInteger membershipPrice() {
    return membershipPrice;
  }

  /** The spec version System.LastRuntimeUpgrade holds. */
  public long lastRuntimeUpgrade() {
    return lastRuntimeUpgrade;
  }

  public BigInteger nextFeeMultiplier() {
    return nextFeeMultiplier;
  }

  /** Adds (or removes, if negative) free balance; creates the account record on first credit. */
  void credit(AccountId who, BigInteger amount) {
    AccountInfo info = account(who);
    putAccount(who, info.withFree(info.free().add(amount)));
  }

  void setFree(AccountId who, BigInteger amount) {
    putAccount(who, account(who).withFree(amount));
  }

  void putAccount(AccountId who, AccountInfo info) {
    accounts.put(who, info);
  }

  /**
   * Writes what block {@code number} changed into the versioned storage, folding versions older
   * than {@code horizon}, and returns the changes (System.Events excepted: it lives in the block).
   */
  List<StorageChange> seal(long number, long horizon) {
    this.horizon = horizon;
    return new StorageSeal(this, history, number, horizon).changes();
  }

  /**
   * The encoded value under {@code key} as of block {@code number}; the best state's for blocks
   * older than the horizon.
   */
  public Optional<byte[]> storageAt(byte[] key, long number) {
    return number >= horizon ? history.at(key, number) : history.latest(key);
  }

  /** Keys under {@code prefix} after {@code after} (null: from the prefix), as of a block. */
  public List<byte[]> storageKeys(byte[] prefix, byte[] after, int limit, long number) {
    return history.keys(prefix, after, limit, number >= horizon ? number : Long.MAX_VALUE);
  }
}
