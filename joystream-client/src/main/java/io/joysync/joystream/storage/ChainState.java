package io.joysync.joystream.storage;

import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.metadata.ScaleValue;
import io.joysync.joystream.metadata.StorageEntry;
import io.joysync.joystream.metadata.ValueDecoder;
import io.joysync.joystream.rpc.JoystreamRpc;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Typed reads of the chain state joysync depends on (bonds and fees that create_video must quote
 * exactly, the channel's bag buckets, collaborators, members' controller accounts, account balances
 * and nonces). Keys are built and values decoded from the metadata, so the shapes are the chain's
 * own. {@code at} is a block hash, or null for the best block. Values the node does not have read
 * as the item's default when the metadata declares one, else as empty.
 */
public final class ChainState {
  private final JoystreamRpc rpc;
  private final RuntimeMetadata metadata;
  private final StorageKeys keys;
  private final ValueDecoder decoder;

  public ChainState(JoystreamRpc rpc, RuntimeMetadata metadata) {
    this.rpc = rpc;
    this.metadata = metadata;
    this.keys = new StorageKeys(metadata);
    this.decoder = new ValueDecoder(metadata.types());
  }

  /** The stored value of {@code prefix.item}, empty when the node has none. */
  public CompletableFuture<Optional<ScaleValue>> read(
      String prefix, String item, String at, byte[]... encodedKeys) {
    StorageEntry entry = metadata.storageEntry(prefix, item);
    byte[] key = keys.key(prefix, item, encodedKeys).bytes();
    return rpc.storage(key, at).thenApply(raw -> raw.map(bytes -> decode(entry, prefix, bytes)));
  }

  /** Like {@link #read} but a missing value of a DEFAULT item reads as its default. */
  public CompletableFuture<ScaleValue> readOrDefault(
      String prefix, String item, String at, byte[]... encodedKeys) {
    StorageEntry entry = metadata.storageEntry(prefix, item);
    return read(prefix, item, at, encodedKeys)
        .thenApply(
            v ->
                v.orElseGet(
                    () -> {
                      if (entry.modifier() != StorageEntry.Modifier.DEFAULT) {
                        throw new MetadataException(
                            "storage.absent", prefix + "." + item + " has no value and no default");
                      }
                      return decode(entry, prefix, entry.defaultValue());
                    }));
  }

  public CompletableFuture<AccountInfo> account(AccountId account, String at) {
    return readOrDefault("System", "Account", at, StorageKeys.accountId(account.bytes()))
        .thenApply(AccountInfo::of);
  }

  /** {@code Content.VideoStateBloatBondValue}: create_video's expected_video_state_bloat_bond. */
  public CompletableFuture<BigInteger> videoStateBloatBond(String at) {
    return balance("Content", "VideoStateBloatBondValue", at);
  }

  public CompletableFuture<BigInteger> channelStateBloatBond(String at) {
    return balance("Content", "ChannelStateBloatBondValue", at);
  }

  /** {@code Storage.DataObjectStateBloatBondValue}: the bond per data object. */
  public CompletableFuture<BigInteger> dataObjectStateBloatBond(String at) {
    return balance("Storage", "DataObjectStateBloatBondValue", at);
  }

  /** {@code Storage.DataObjectPerMegabyteFee}: expected_data_size_fee must equal this. */
  public CompletableFuture<BigInteger> dataObjectPerMegabyteFee(String at) {
    return balance("Storage", "DataObjectPerMegabyteFee", at);
  }

  public CompletableFuture<Long> nextVideoId(String at) {
    return readOrDefault("Content", "NextVideoId", at).thenApply(ScaleValue::asLong);
  }

  /**
   * The storage buckets of a channel's bag ({@code stored_by}); its size is create_video's
   * storage_buckets_num_witness. Empty when the bag does not exist.
   */
  public CompletableFuture<Optional<List<Long>>> channelBagBuckets(long channelId, String at) {
    return read("Storage", "Bags", at, StorageKeys.channelBag(channelId))
        .thenApply(v -> v.map(bag -> JoystreamEvents.ids(bag.field("stored_by"))));
  }

  /** The channel, or empty when no channel has that id. */
  public CompletableFuture<Optional<ChannelInfo>> channel(long channelId, String at) {
    return read("Content", "ChannelById", at, StorageKeys.u64(channelId))
        .thenApply(v -> v.map(c -> ChannelInfo.of(channelId, c)));
  }

  /** The video, or empty when it does not exist (or was deleted). */
  public CompletableFuture<Optional<VideoInfo>> video(long videoId, String at) {
    return read("Content", "VideoById", at, StorageKeys.u64(videoId))
        .thenApply(
            v ->
                v.map(x -> VideoInfo.of(videoId, x))
                    // a ValueQuery default (in_channel 0) is no video
                    .filter(x -> x.channelId() != 0));
  }

  public CompletableFuture<Boolean> videoExists(long videoId, String at) {
    return video(videoId, at).thenApply(Optional::isPresent);
  }

  public CompletableFuture<Optional<MembershipInfo>> membership(long memberId, String at) {
    return read("Membership", "MembershipById", at, StorageKeys.u64(memberId))
        .thenApply(v -> v.map(m -> MembershipInfo.of(memberId, m)));
  }

  private CompletableFuture<BigInteger> balance(String prefix, String item, String at) {
    return readOrDefault(prefix, item, at).thenApply(ScaleValue::asBigInteger);
  }

  private ScaleValue decode(StorageEntry entry, String prefix, byte[] bytes) {
    try {
      return decoder.decode(entry.valueType(), bytes);
    } catch (MetadataException e) {
      throw new MetadataException(e.code(), prefix + "." + entry.name() + ": " + e.getMessage(), e);
    }
  }
}
