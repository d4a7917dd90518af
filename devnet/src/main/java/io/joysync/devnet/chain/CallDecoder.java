package io.joysync.devnet.chain;

import io.joysync.devnet.chain.RuntimeCall.ContentActor;
import io.joysync.devnet.chain.RuntimeCall.ObjectParams;
import io.joysync.devnet.chain.RuntimeCall.StorageAssets;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decodes call bytes into {@link RuntimeCall}s with the argument layouts of runtime spec 2004.
 * Malformed arguments raise {@link ScaleException}; a well-formed call of a pallet or method the
 * devnet does not execute raises {@link UnsupportedCall}, so the pool can answer each case the way
 * a node does.
 */
public final class CallDecoder {
  /** pallet-utility's batched_calls_limit. */
  public static final int BATCHED_CALLS_LIMIT = 10_922;

  private static final int MAX_PERMISSION = 21;
  private static final int MAX_NESTING = 4;

  private CallDecoder() {}

  /** A call that exists in the runtime but that this devnet does not execute. */
  public static final class UnsupportedCall extends RuntimeException {
    public UnsupportedCall(String message) {
      super(message, null, false, false);
    }
  }

  public static RuntimeCall decode(byte[] call) {
    ScaleReader r = new ScaleReader(call);
    RuntimeCall decoded = read(r, call, 0);
    r.expectEnd();
    return decoded;
  }

  private static RuntimeCall read(ScaleReader r, byte[] src, int depth) {
    int start = r.position();
    int pallet = r.readU8();
    int method = r.readU8();
    return switch (pallet) {
      case 1 -> batch(r, src, start, method, depth);
      case 3 -> timestamp(r, src, start, method);
      case 5 -> transfer(r, src, start, method);
      case 21 -> buyMembership(r, src, start, method);
      case 26 -> content(r, src, start, method);
      default -> throw unsupported(pallet, method);
    };
  }

  private static UnsupportedCall unsupported(int pallet, int method) {
    return new UnsupportedCall(
        "call " + pallet + "/" + method + " is not executed by the devnet runtime");
  }

  private static byte[] slice(byte[] src, int from, ScaleReader r) {
    return Arrays.copyOfRange(src, from, r.position());
  }

  private static RuntimeCall batch(ScaleReader r, byte[] src, int start, int method, int depth) {
    if (method != 0 && method != 2 && method != 4) {
      throw unsupported(1, method);
    }
    if (depth >= MAX_NESTING) {
      throw new ScaleException("batches nested deeper than " + MAX_NESTING);
    }
    int n = r.readCompactInt();
    if (n > r.remaining()) {
      throw new ScaleException(
          "batch claims " + n + " calls but only " + r.remaining() + " bytes remain");
    }
    List<RuntimeCall> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      calls.add(read(r, src, depth + 1));
    }
    return new RuntimeCall.Batch(slice(src, start, r), method, calls);
  }

  private static RuntimeCall timestamp(ScaleReader r, byte[] src, int start, int method) {
    if (method != 0) {
      throw unsupported(3, method);
    }
    long now = r.readCompactLong();
    return new RuntimeCall.TimestampSet(slice(src, start, r), now);
  }

  private static RuntimeCall transfer(ScaleReader r, byte[] src, int start, int method) {
    if (method != 0 && method != 3) {
      throw unsupported(5, method);
    }
    AccountId dest = new AccountId(r.readBytes(32));
    BigInteger value = r.readCompact();
    if (value.bitLength() > 128) {
      throw new ScaleException("transfer value does not fit u128");
    }
    return new RuntimeCall.Transfer(slice(src, start, r), dest, value, method == 3);
  }

  private static RuntimeCall buyMembership(ScaleReader r, byte[] src, int start, int method) {
    if (method != 0) {
      throw unsupported(21, method);
    }
    int paramsStart = r.position();
    AccountId root = new AccountId(r.readBytes(32));
    AccountId controller = new AccountId(r.readBytes(32));
    Optional<byte[]> handle = r.readOption(ScaleReader::readByteVec);
    byte[] metadata = r.readByteVec();
    Optional<Long> referrer = r.readOption(ScaleReader::readU64);
    byte[] params = Arrays.copyOfRange(src, paramsStart, r.position());
    return new RuntimeCall.BuyMembership(
        slice(src, start, r), root, controller, handle, metadata, referrer, params);
  }

  private static RuntimeCall content(ScaleReader r, byte[] src, int start, int method) {
    return switch (method) {
      case 5 -> createChannel(r, src, start);
      case 6 -> updateChannel(r, src, start);
      case 9 -> deleteChannel(r, src, start);
      case 12 -> createVideo(r, src, start);
      case 13 -> updateVideo(r, src, start);
      case 14 -> deleteVideo(r, src, start);
      default -> throw unsupported(26, method);
    };
  }

  static ContentActor actor(ScaleReader r, byte[] src) {
    int start = r.position();
    int kind = r.readU8();
    return switch (kind) {
      case 0 -> {
        long group = r.readU64();
        long curator = r.readU64();
        yield new ContentActor(kind, group, curator, slice(src, start, r));
      }
      case 1 -> new ContentActor(kind, r.readU64(), 0, slice(src, start, r));
      case 2 -> new ContentActor(kind, 0, 0, slice(src, start, r));
      default -> throw new ScaleException("invalid ContentActor variant " + kind);
    };
  }

  static Optional<StorageAssets> assets(ScaleReader r, byte[] src) {
    int tag = r.readU8();
    if (tag == 0) {
      return Optional.empty();
    }
    if (tag != 1) {
      throw new ScaleException("invalid Option tag " + tag);
    }
    int start = r.position();
    List<ObjectParams> objects = r.readVec(x -> new ObjectParams(x.readU64(), x.readByteVec()));
    BigInteger fee = r.readU128();
    return Optional.of(new StorageAssets(objects, fee, slice(src, start, r)));
  }

  private static SortedMap<Long, SortedSet<Integer>> collaborators(ScaleReader r) {
    int n = r.readCompactInt();
    SortedMap<Long, SortedSet<Integer>> map = new TreeMap<>(Long::compareUnsigned);
    for (int i = 0; i < n; i++) {
      long member = r.readU64();
      int k = r.readCompactInt();
      SortedSet<Integer> perms = new TreeSet<>();
      for (int j = 0; j < k; j++) {
        int p = r.readU8();
        if (p > MAX_PERMISSION) {
          throw new ScaleException("invalid ChannelActionPermission " + p);
        }
        perms.add(p);
      }
      map.put(member, perms);
    }
    return map;
  }

  private static SortedSet<Long> u64Set(ScaleReader r) {
    SortedSet<Long> set = new TreeSet<>(Long::compareUnsigned);
    set.addAll(r.readVec(ScaleReader::readU64));
    return set;
  }

  private static RuntimeCall createChannel(ScaleReader r, byte[] src, int start) {
    int ownerKind = r.readU8();
    if (ownerKind > 1) {
      throw new ScaleException("invalid ChannelOwner variant " + ownerKind);
    }
    long ownerId = r.readU64();
    int paramsStart = r.position();
    Optional<StorageAssets> assets = assets(r, src);
    Optional<byte[]> meta = r.readOption(ScaleReader::readByteVec);
    SortedMap<Long, SortedSet<Integer>> collaborators = collaborators(r);
    SortedSet<Long> storageBuckets = u64Set(r);
    int distribution = r.readCompactInt();
    for (int i = 0; i < distribution; i++) {
      r.readU64();
      r.readU64();
    }
    BigInteger channelBond = r.readU128();
    BigInteger objectBond = r.readU128();
    byte[] params = Arrays.copyOfRange(src, paramsStart, r.position());
    return new RuntimeCall.CreateChannel(
        slice(src, start, r),
        ownerKind,
        ownerId,
        assets,
        meta,
        collaborators,
        storageBuckets,
        distribution,
        channelBond,
        objectBond,
        params);
  }

  private static RuntimeCall updateChannel(ScaleReader r, byte[] src, int start) {
    ContentActor actor = actor(r, src);
    long channelId = r.readU64();
    int paramsStart = r.position();
    Optional<StorageAssets> assets = assets(r, src);
    Optional<byte[]> meta = r.readOption(ScaleReader::readByteVec);
    SortedSet<Long> remove = u64Set(r);
    Optional<SortedMap<Long, SortedSet<Integer>>> collaborators =
        r.readOption(CallDecoder::collaborators);
    BigInteger objectBond = r.readU128();
    Optional<Long> witness = r.readOption(ScaleReader::readU32);
    byte[] params = Arrays.copyOfRange(src, paramsStart, r.position());
    return new RuntimeCall.UpdateChannel(
        slice(src, start, r),
        actor,
        channelId,
        assets,
        meta,
        remove,
        collaborators,
        objectBond,
        witness,
        params);
  }

  private static RuntimeCall createVideo(ScaleReader r, byte[] src, int start) {
    ContentActor actor = actor(r, src);
    long channelId = r.readU64();
    int paramsStart = r.position();
    Optional<StorageAssets> assets = assets(r, src);
    Optional<byte[]> meta = r.readOption(ScaleReader::readByteVec);
    int nft = r.readU8();
    if (nft != 0) {
      throw new UnsupportedCall("create_video with auto_issue_nft is not executed by the devnet");
    }
    BigInteger videoBond = r.readU128();
    BigInteger objectBond = r.readU128();
    long witness = r.readU32();
    byte[] params = Arrays.copyOfRange(src, paramsStart, r.position());
    return new RuntimeCall.CreateVideo(
        slice(src, start, r),
        actor,
        channelId,
        assets,
        meta,
        videoBond,
        objectBond,
        witness,
        params);
  }

  private static RuntimeCall updateVideo(ScaleReader r, byte[] src, int start) {
    ContentActor actor = actor(r, src);
    long videoId = r.readU64();
    int paramsStart = r.position();
    Optional<StorageAssets> assets = assets(r, src);
    Optional<byte[]> meta = r.readOption(ScaleReader::readByteVec);
    SortedSet<Long> remove = u64Set(r);
    int nft = r.readU8();
    if (nft != 0) {
      throw new UnsupportedCall("update_video with auto_issue_nft is not executed by the devnet");
    }
    BigInteger objectBond = r.readU128();
    Optional<Long> witness = r.readOption(ScaleReader::readU32);
    if (assets.isPresent() || !remove.isEmpty()) {
      throw new UnsupportedCall("update_video with assets is not executed by the devnet");
    }
    byte[] params = Arrays.copyOfRange(src, paramsStart, r.position());
    return new RuntimeCall.UpdateVideo(
        slice(src, start, r), actor, videoId, meta, objectBond, witness, params);
  }

  private static RuntimeCall deleteVideo(ScaleReader r, byte[] src, int start) {
    ContentActor actor = actor(r, src);
    long videoId = r.readU64();
    long num = r.readU64();
    Optional<Long> witness = r.readOption(ScaleReader::readU32);
    return new RuntimeCall.DeleteVideo(slice(src, start, r), actor, videoId, num, witness);
  }

  private static RuntimeCall deleteChannel(ScaleReader r, byte[] src, int start) {
    ContentActor actor = actor(r, src);
    long channelId = r.readU64();
    long storageNum = r.readU32();
    long distributionNum = r.readU32();
    long num = r.readU64();
    return new RuntimeCall.DeleteChannel(
        slice(src, start, r), actor, channelId, storageNum, distributionNum, num);
  }
}
