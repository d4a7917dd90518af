package io.joysync.devnet.chain;

import io.joysync.devnet.chain.ChainRecords.AccountInfo;
import io.joysync.devnet.chain.ChainRecords.Bag;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.DataObject;
import io.joysync.devnet.chain.ChainRecords.Member;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.devnet.chain.ChainRecords.Video;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The devnet's runtime storage: accounts, memberships, channels, videos, bags, data objects and
 * storage buckets, the id counters and the governance values (bonds, per-MB fee, membership price).
 * Every write goes through one {@link Journal}, so a failed dispatch can be undone exactly. Not
 * thread-safe: the node serialises all access.
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
  private static final int ACCOUNT_HISTORY = 4096;
  private final Set<AccountId> touchedAccounts = new HashSet<>();
  private final java.util.Map<AccountId, java.util.NavigableMap<Long, AccountInfo>> accountHistory =
      new java.util.HashMap<>();

  BigInteger videoStateBloatBond = BigInteger.ZERO;
  BigInteger channelStateBloatBond = BigInteger.ZERO;
  BigInteger dataObjectStateBloatBond = BigInteger.ZERO;
  BigInteger dataObjectPerMegabyteFee = BigInteger.ZERO;
  BigInteger membershipPrice = BigInteger.ZERO;

  /** FixedU128, 10^18 = 1. */
  BigInteger nextFeeMultiplier = BigInteger.TEN.pow(18);

  int channelBagStorageBuckets = 1;
  boolean uploadingBlocked;
  final Set<String> blacklist = new HashSet<>();

  public AccountInfo account(AccountId id) {
    return accounts.get(id).orElse(AccountInfo.empty());
  }

  public java.util.Optional<Member> member(long id) {
    return members.get(id);
  }

  public java.util.Optional<Channel> channel(long id) {
    return channels.get(id);
  }

  public java.util.Optional<Video> video(long id) {
    return videos.get(id);
  }

  public java.util.Optional<Bag> channelBag(long channelId) {
    return bags.get(channelId);
  }

  public java.util.Optional<DataObject> dataObject(long channelId, long id) {
    return dataObjects.get(id).filter(o -> o.channelId() == channelId);
  }

  public java.util.Optional<DataObject> dataObject(long id) {
    return dataObjects.get(id);
  }

  public java.util.Optional<StorageBucket> bucket(long id) {
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
    touchedAccounts.add(who);
  }

  /**
   * Records the accounts changed in block {@code number}, so System.Account can be read as of an
   * earlier block (the last {@value #ACCOUNT_HISTORY} changes of each account are kept).
   */
  void sealAccounts(long number) {
    for (AccountId id : touchedAccounts) {
      java.util.NavigableMap<Long, AccountInfo> h =
          accountHistory.computeIfAbsent(id, k -> new java.util.TreeMap<>());
      h.put(number, account(id));
      if (h.size() > ACCOUNT_HISTORY) {
        h.pollFirstEntry();
      }
    }
    touchedAccounts.clear();
  }

  /** The account as of block {@code number}: its last change at or before it. */
  public java.util.Optional<AccountInfo> accountAt(AccountId id, long number) {
    java.util.NavigableMap<Long, AccountInfo> h = accountHistory.get(id);
    if (h == null) {
      return accounts.get(id);
    }
    java.util.Map.Entry<Long, AccountInfo> e = h.floorEntry(number);
    return e == null ? java.util.Optional.empty() : java.util.Optional.of(e.getValue());
  }
}
