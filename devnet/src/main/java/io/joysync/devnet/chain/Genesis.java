package io.joysync.devnet.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.joysync.devnet.chain.ChainRecords.Channel;
import io.joysync.devnet.chain.ChainRecords.StorageBucket;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the devnet's genesis state from the {@code genesis} config block: funded dev accounts
 * (sr25519 and ed25519 keys of //Alice..//Ferdie), memberships, storage buckets operated by one
 * worker, channels with their dynamic bags and collaborators, the governance values, and the apps
 * Orion knows. The genesis hash follows from the config, so the same file gives the same chain.
 */
public final class Genesis {
  /** An app registered in Orion with its ed25519 auth key. */
  public record App(String id, String name, long ownerMember, byte[] authKey) {}

  /** A channel's off-chain metadata as Orion would have indexed it. */
  public record ChannelInfo(long id, String title, String language) {}

  private static final List<String> PERMISSIONS =
      List.of(
          "UpdateChannelMetadata",
          "ManageNonVideoChannelAssets",
          "ManageChannelCollaborators",
          "UpdateVideoMetadata",
          "AddVideo",
          "ManageVideoAssets",
          "DeleteChannel",
          "DeleteVideo",
          "ManageVideoNfts",
          "AgentRemark",
          "TransferChannel",
          "ClaimChannelReward",
          "WithdrawFromChannelBalance",
          "IssueCreatorToken",
          "ClaimCreatorTokenPatronage",
          "InitAndManageCreatorTokenSale",
          "CreatorTokenIssuerTransfer",
          "MakeCreatorTokenPermissionless",
          "ReduceCreatorTokenPatronageRate",
          "ManageRevenueSplits",
          "DeissueCreatorToken",
          "AmmControl");

  private final Config config;
  private final byte[] stateRoot;
  private final List<App> apps = new ArrayList<>();
  private final List<ChannelInfo> channels = new ArrayList<>();
  private final Map<String, Long> memberIds = new HashMap<>();
  private AccountId storageOperator;

  public Genesis(Config genesis) {
    this.config = genesis;
    String rendered = genesis.root().render(ConfigRenderOptions.concise());
    this.stateRoot = Hashing.blake2b256(rendered.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] stateRoot() {
    return stateRoot.clone();
  }

  public byte[] genesisHash() {
    return ChainNode.genesisHash(stateRoot);
  }

  public List<App> apps() {
    return List.copyOf(apps);
  }

  public List<ChannelInfo> channels() {
    return List.copyOf(channels);
  }

  public AccountId storageOperator() {
    return storageOperator;
  }

  public static int permission(String name) {
    int i = PERMISSIONS.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown channel permission '" + name + "'");
    }
    return i;
  }

  static KeyPair key(Config c) {
    KeyType type = KeyType.valueOf(c.getString("scheme").toUpperCase(Locale.ROOT));
    return KeyPair.fromUri(type, c.getString("uri"));
  }

  private static AccountId account(KeyPair k) {
    return new AccountId(k.publicKey());
  }

  /** Writes the genesis state into a fresh runtime. */
  public void apply(Runtime runtime) {
    ChainState s = runtime.state();
    s.videoStateBloatBond = new BigInteger(config.getString("video-state-bloat-bond"));
    s.channelStateBloatBond = new BigInteger(config.getString("channel-state-bloat-bond"));
    s.dataObjectStateBloatBond = new BigInteger(config.getString("data-object-state-bloat-bond"));
    s.dataObjectPerMegabyteFee = new BigInteger(config.getString("data-object-per-megabyte-fee"));
    s.membershipPrice = new BigInteger(config.getString("membership-price"));
    if (config.hasPath("fee-multiplier")) {
      s.nextFeeMultiplier = new BigInteger(config.getString("fee-multiplier"));
    }
    s.channelBagStorageBuckets = config.getInt("channel-bag-storage-buckets");
    BigInteger devBalance = new BigInteger(config.getString("dev-balance"));
    for (String name : config.getStringList("dev-accounts")) {
      for (KeyType type : KeyType.values()) {
        s.credit(account(KeyPair.fromUri(type, "//" + name)), devBalance);
      }
    }
    for (Config a : config.getConfigList("accounts")) {
      AccountId id =
          a.hasPath("public-key")
              ? new AccountId(Hex.decode(a.getString("public-key")))
              : account(key(a.getConfig("key")));
      s.credit(id, new BigInteger(a.getString("balance")));
    }
    storageOperator = account(key(config.getConfig("storage-operator")));
    for (Config b : config.getConfigList("storage-buckets")) {
      long id = b.getLong("id");
      s.buckets.put(
          id,
          new StorageBucket(
              id,
              b.getLong("worker-id"),
              storageOperator,
              !b.hasPath("accepting-new-bags") || b.getBoolean("accepting-new-bags"),
              b.getLong("size-limit"),
              b.getLong("objects-limit"),
              0,
              0,
              0));
    }
    BigInteger memberBalance = new BigInteger(config.getString("member-balance"));
    for (Config m : config.getConfigList("members")) {
      AccountId controller = account(key(m.getConfig("controller")));
      AccountId root = m.hasPath("root") ? account(key(m.getConfig("root"))) : controller;
      String handle = m.getString("handle");
      long id = runtime.accounts().register(handle, root, controller, new byte[0]);
      memberIds.put(handle, id);
      if (s.account(controller).free().signum() == 0) {
        s.credit(controller, memberBalance);
      }
    }
    for (Config c : config.getConfigList("channels")) {
      createChannel(runtime, c);
    }
    for (Config a : config.getConfigList("apps")) {
      byte[] authKey = Ed25519KeyPair.fromString(a.getString("auth-key-seed")).publicKey();
      apps.add(
          new App(a.getString("id"), a.getString("name"), memberId(a.getString("owner")), authKey));
    }
    s.journal.commit();
    s.seal(0, 0);
  }

  private long memberId(String handle) {
    Long id = memberIds.get(handle);
    if (id == null) {
      throw new IllegalArgumentException(
          "genesis refers to unknown member handle '" + handle + "'");
    }
    return id;
  }

  private void createChannel(Runtime runtime, Config c) {
    ChainState s = runtime.state();
    long owner = memberId(c.getString("owner"));
    SortedMap<Long, SortedSet<Integer>> collaborators = new TreeMap<>();
    for (Config k : c.getConfigList("collaborators")) {
      SortedSet<Integer> perms = new TreeSet<>();
      k.getStringList("permissions").forEach(p -> perms.add(permission(p)));
      collaborators.put(memberId(k.getString("member")), perms);
    }
    long id = s.nextChannelId.get();
    s.nextChannelId.set(id + 1);
    SortedSet<Long> buckets = new TreeSet<>();
    for (StorageBucket b : s.allBuckets()) {
      if (buckets.size() < s.channelBagStorageBuckets) {
        buckets.add(b.id());
      }
    }
    runtime.storage().createBag(id, buckets);
    AccountId ownerAccount = s.member(owner).orElseThrow().controller();
    s.channels.put(
        id,
        new Channel(
            id,
            owner,
            0,
            collaborators,
            new TreeSet<>(),
            false,
            new TreeSet<>(),
            s.channelStateBloatBond,
            ownerAccount));
    s.credit(Treasury.channelAccount(id), s.channelStateBloatBond);
    channels.add(new ChannelInfo(id, c.getString("title"), c.getString("language")));
  }

  @Override
  public String toString() {
    return "Genesis[" + Hex.encode(genesisHash()) + "]";
  }
}
