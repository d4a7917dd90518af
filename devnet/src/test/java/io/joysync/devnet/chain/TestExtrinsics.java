package io.joysync.devnet.chain;

import io.joysync.joystream.content.ContentId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Builds calls and signed v4 extrinsics byte by byte from the protocol notes, independently of the
 * client library, so tests can also craft the wrong ones (bad signature, wrong genesis, ...).
 */
public final class TestExtrinsics {
  private TestExtrinsics() {}

  /** An asset as the call carries it, with its bytes for uploading. */
  public record Asset(byte[] content, String cid) {
    public static Asset of(byte[] content) {
      Blake3Digest d = new Blake3Digest(256);
      d.update(content, 0, content.length);
      byte[] out = new byte[32];
      d.doFinal(out, 0);
      return new Asset(content, ContentId.fromDigest(out).value());
    }
  }

  /** Signing context: chain identity and era. */
  public record Context(
      byte[] genesis,
      long specVersion,
      long txVersion,
      boolean immortal,
      long period,
      long current,
      byte[] birthHash) {
    public static Context immortal(byte[] genesis) {
      return new Context(genesis, 2004, 2, true, 0, 0, genesis);
    }

    public static Context mortal(byte[] genesis, long period, long current, byte[] birthHash) {
      return new Context(genesis, 2004, 2, false, period, current, birthHash);
    }

    public Context withGenesis(byte[] g) {
      return new Context(g, specVersion, txVersion, immortal, period, current, birthHash);
    }

    public Context withSpec(long spec) {
      return new Context(genesis, spec, txVersion, immortal, period, current, birthHash);
    }
  }

  public static KeyPair key(KeyType type, String uri) {
    return KeyPair.fromUri(type, uri);
  }

  static byte[] era(Context c) {
    if (c.immortal()) {
      return new byte[] {0};
    }
    long phase = c.current() % c.period();
    int low = Math.min(Math.max(Long.numberOfTrailingZeros(c.period()) - 1, 1), 15);
    long quantize = Math.max(c.period() >> 12, 1);
    int encoded = (int) (low | ((phase / quantize) << 4));
    return new byte[] {(byte) encoded, (byte) (encoded >> 8)};
  }

  public static byte[] sign(KeyPair key, byte[] call, long nonce, BigInteger tip, Context c) {
    byte[] extra =
        new ScaleWriter().writeBytes(era(c)).writeCompact(nonce).writeCompact(tip).toByteArray();
    byte[] payload =
        new ScaleWriter()
            .writeBytes(call)
            .writeBytes(extra)
            .writeU32(c.specVersion())
            .writeU32(c.txVersion())
            .writeBytes(c.genesis())
            .writeBytes(c.birthHash())
            .toByteArray();
    byte[] toSign = payload.length > 256 ? Hashing.blake2b256(payload) : payload;
    byte[] signature = key.sign(toSign);
    byte[] body =
        new ScaleWriter()
            .writeU8(0x84)
            .writeBytes(key.publicKey())
            .writeU8(key.type() == KeyType.ED25519 ? 0 : 1)
            .writeBytes(signature)
            .writeBytes(extra)
            .writeBytes(call)
            .toByteArray();
    return new ScaleWriter().writeCompact(body.length).writeBytes(body).toByteArray();
  }

  public static byte[] sign(KeyPair key, byte[] call, long nonce, Context c) {
    return sign(key, call, nonce, BigInteger.ZERO, c);
  }

  /** content.create_video(Member(member), channel, params) without NFT. */
  public static byte[] createVideo(
      long member,
      long channel,
      List<Asset> assets,
      BigInteger fee,
      byte[] meta,
      BigInteger videoBond,
      BigInteger objectBond,
      long witness) {
    ScaleWriter w =
        new ScaleWriter().writeU8(26).writeU8(12).writeU8(1).writeU64(member).writeU64(channel);
    if (assets.isEmpty()) {
      w.writeU8(0);
    } else {
      w.writeU8(1).writeCompact(assets.size());
      for (Asset a : assets) {
        w.writeU64(a.content().length).writeByteVec(a.cid().getBytes(StandardCharsets.US_ASCII));
      }
      w.writeU128(fee);
    }
    if (meta == null) {
      w.writeU8(0);
    } else {
      w.writeU8(1).writeByteVec(meta);
    }
    return w.writeU8(0).writeU128(videoBond).writeU128(objectBond).writeU32(witness).toByteArray();
  }

  public static byte[] batch(int callIndex, List<byte[]> calls) {
    ScaleWriter w = new ScaleWriter().writeU8(1).writeU8(callIndex).writeCompact(calls.size());
    calls.forEach(w::writeBytes);
    return w.toByteArray();
  }

  public static byte[] batchAll(List<byte[]> calls) {
    return batch(2, calls);
  }

  public static byte[] transfer(byte[] dest, BigInteger value) {
    return new ScaleWriter()
        .writeU8(5)
        .writeU8(0)
        .writeBytes(dest)
        .writeCompact(value)
        .toByteArray();
  }

  public static byte[] deleteVideo(long member, long video, long objects, Long witness) {
    ScaleWriter w =
        new ScaleWriter()
            .writeU8(26)
            .writeU8(14)
            .writeU8(1)
            .writeU64(member)
            .writeU64(video)
            .writeU64(objects);
    if (witness == null) {
      w.writeU8(0);
    } else {
      w.writeU8(1).writeU32(witness);
    }
    return w.toByteArray();
  }

  public static byte[] buyMembership(byte[] root, byte[] controller, String handle) {
    ScaleWriter w =
        new ScaleWriter().writeU8(21).writeU8(0).writeBytes(root).writeBytes(controller);
    if (handle == null) {
      w.writeU8(0);
    } else {
      w.writeU8(1).writeByteVec(handle.getBytes(StandardCharsets.UTF_8));
    }
    return w.writeByteVec(new byte[0]).writeU8(0).toByteArray();
  }

  private static void collaborators(ScaleWriter w, java.util.Map<Long, List<Integer>> map) {
    w.writeCompact(map.size());
    new java.util.TreeMap<>(map)
        .forEach(
            (member, perms) -> {
              w.writeU64(member).writeCompact(perms.size());
              perms.stream().sorted().forEach(w::writeU8);
            });
  }

  public static byte[] createChannel(
      long ownerMember,
      java.util.Map<Long, List<Integer>> collaborators,
      List<Long> buckets,
      BigInteger channelBond,
      BigInteger objectBond) {
    ScaleWriter w =
        new ScaleWriter()
            .writeU8(26)
            .writeU8(5)
            .writeU8(0)
            .writeU64(ownerMember)
            .writeU8(0)
            .writeU8(0);
    collaborators(w, collaborators);
    w.writeCompact(buckets.size());
    buckets.stream().sorted().forEach(w::writeU64);
    return w.writeCompact(0).writeU128(channelBond).writeU128(objectBond).toByteArray();
  }

  public static byte[] updateCollaborators(
      long actorMember,
      long channel,
      java.util.Map<Long, List<Integer>> collaborators,
      BigInteger objectBond) {
    ScaleWriter w =
        new ScaleWriter()
            .writeU8(26)
            .writeU8(6)
            .writeU8(1)
            .writeU64(actorMember)
            .writeU64(channel)
            .writeU8(0)
            .writeU8(0)
            .writeCompact(0)
            .writeU8(1);
    collaborators(w, collaborators);
    return w.writeU128(objectBond).writeU8(0).toByteArray();
  }
}
