package io.joysync.joystream.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ReferenceVectors;
import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builds every call of vectors.json from its inputs with the typed records. */
class CallVectorsTest {

  static RuntimeCall build(String name) {
    JsonNode v = ReferenceVectors.named("calls", name);
    JsonNode in = v.get("inputs");
    return switch (v.get("method").asText()) {
      case "createVideo" -> createVideo(in);
      case "batchAll" -> Batch.all(calls(in));
      case "batch" -> Batch.of(calls(in));
      case "deleteVideo" ->
          new DeleteVideo(
              actor(in.get("actor")),
              in.get("videoId").asLong(),
              in.get("numObjectsToDelete").asLong(),
              Optional.of(in.get("storageBucketsNumWitness").asLong()));
      case "createChannel" -> createChannel(in);
      case "updateChannel" -> updateChannel(in);
      case "transfer" ->
          new BalancesTransfer(
              AccountId.fromJoystreamAddress(in.get("dest").asText()),
              new BigInteger(in.get("value").asText()));
      case "buyMembership" ->
          new BuyMembership(
              AccountId.fromJoystreamAddress(in.get("params").get("rootAccount").asText()),
              AccountId.fromJoystreamAddress(in.get("params").get("controllerAccount").asText()),
              Optional.of("ytsync_reference"),
              protobuf("membershipMetadata"),
              Optional.empty());
      default -> throw new IllegalStateException("no builder for " + name);
    };
  }

  private static List<RuntimeCall> calls(JsonNode in) {
    List<RuntimeCall> out = new ArrayList<>();
    in.get("calls").forEach(n -> out.add(build(n.asText())));
    return out;
  }

  private static ContentActor actor(JsonNode a) {
    return ContentActor.member(a.get("Member").asLong());
  }

  private static byte[] protobuf(String name) {
    return Hex.decode(ReferenceVectors.section("protobuf").get(name).get("hex").asText());
  }

  private static Optional<byte[]> meta(JsonNode meta) {
    if (meta.isNull()) {
      return Optional.empty();
    }
    String text = meta.asText();
    if (text.startsWith("protobuf.")) {
      return Optional.of(protobuf(text.split("\\.")[1]));
    }
    return Optional.of(Hex.decode(text));
  }

  private static Optional<StorageAssets> assets(JsonNode a) {
    if (a.isNull()) {
      return Optional.empty();
    }
    List<DataObjectCreation> objects = new ArrayList<>();
    for (JsonNode o : a.get("objectCreationList")) {
      objects.add(new DataObjectCreation(o.get("size_").asLong(), o.get("ipfsContentId").asText()));
    }
    return Optional.of(
        new StorageAssets(objects, new BigInteger(a.get("expectedDataSizeFee").asText())));
  }

  private static CreateVideo createVideo(JsonNode in) {
    JsonNode p = in.get("params");
    return new CreateVideo(
        actor(in.get("actor")),
        in.get("channelId").asLong(),
        assets(p.get("assets")),
        meta(p.get("meta")),
        new BigInteger(p.get("expectedVideoStateBloatBond").asText()),
        new BigInteger(p.get("expectedDataObjectStateBloatBond").asText()),
        p.get("storageBucketsNumWitness").asLong());
  }

  private static Map<Long, Set<ChannelActionPermission>> collaborators(JsonNode c) {
    Map<Long, Set<ChannelActionPermission>> out = new LinkedHashMap<>();
    c.fields()
        .forEachRemaining(
            e -> {
              Set<ChannelActionPermission> set = EnumSet.noneOf(ChannelActionPermission.class);
              e.getValue().forEach(n -> set.add(permission(n.asText())));
              out.put(Long.parseLong(e.getKey()), set);
            });
    return out;
  }

  static ChannelActionPermission permission(String camel) {
    return ChannelActionPermission.valueOf(
        camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
  }

  private static CreateChannel createChannel(JsonNode in) {
    JsonNode p = in.get("params");
    Set<Long> storage = new java.util.LinkedHashSet<>();
    p.get("storageBuckets").forEach(n -> storage.add(n.asLong()));
    Set<DistributionBucketId> distribution = new java.util.HashSet<>();
    p.get("distributionBuckets")
        .forEach(
            n ->
                distribution.add(
                    new DistributionBucketId(
                        n.get("distributionBucketFamilyId").asLong(),
                        n.get("distributionBucketIndex").asLong())));
    return new CreateChannel(
        new ChannelOwner.Member(in.get("channelOwner").get("Member").asLong()),
        assets(p.get("assets")),
        meta(p.get("meta")),
        collaborators(p.get("collaborators")),
        storage,
        distribution,
        new BigInteger(p.get("expectedChannelStateBloatBond").asText()),
        new BigInteger(p.get("expectedDataObjectStateBloatBond").asText()));
  }

  private static UpdateChannel updateChannel(JsonNode in) {
    JsonNode p = in.get("params");
    return new UpdateChannel(
        actor(in.get("actor")),
        in.get("channelId").asLong(),
        assets(p.get("assetsToUpload")),
        meta(p.get("newMeta")),
        Set.of(),
        Optional.of(collaborators(p.get("collaborators"))),
        new BigInteger(p.get("expectedDataObjectStateBloatBond").asText()),
        Optional.empty());
  }

  @Test
  void everyCallVectorIsReproducedByteForByte() {
    int checked = 0;
    for (JsonNode v : ReferenceVectors.section("calls")) {
      String name = v.get("name").asText();
      RuntimeCall call = build(name);
      assertThat(Hex.encode(call.encode())).as(name).isEqualTo(v.get("callHex").asText());
      assertThat(call.encode()).hasSize(v.get("length").asInt());
      assertThat(Hex.encode(new byte[] {(byte) call.palletIndex(), (byte) call.callIndex()}))
          .isEqualTo(v.get("callIndexHex").asText());
      checked++;
    }
    assertThat(checked).isEqualTo(12);
  }

  @Test
  void assetsEncodeAsTheAppCommitmentExpects() {
    JsonNode v = ReferenceVectors.named("calls", "content.create_video assets + AppAction meta");
    CreateVideo cv = (CreateVideo) build(v.get("name").asText());
    ScaleWriter w = new ScaleWriter();
    w.writeOption(cv.assets(), (x, a) -> a.encode(x));
    assertThat(Hex.encode(w.toByteArray())).isEqualTo(v.get("assetsHex").asText());
  }

  @Test
  void everyCallVectorDecodesBackToAnEqualRecord() {
    for (JsonNode v : ReferenceVectors.section("calls")) {
      byte[] bytes = Hex.decode(v.get("callHex").asText());
      RuntimeCall decoded = CallDecoder.decode(bytes);
      assertThat(decoded).isNotInstanceOf(EncodedCall.class);
      assertThat(decoded.encode()).as(v.get("name").asText()).isEqualTo(bytes);
    }
    Batch batch =
        (Batch)
            CallDecoder.decode(
                Hex.decode(
                    ReferenceVectors.named("calls", "utility.batch_all of 3 create_video")
                        .get("callHex")
                        .asText()));
    assertThat(batch.mode()).isEqualTo(Batch.Mode.BATCH_ALL);
    assertThat(batch.calls()).hasSize(3).allMatch(c -> c instanceof CreateVideo);
    CreateVideo first = (CreateVideo) batch.calls().get(0);
    assertThat(first.channelId()).isEqualTo(5);
    assertThat(first.assets().orElseThrow().objects())
        .extracting(DataObjectCreation::size)
        .containsExactly(5_242_880L, 1_048_576L);
  }

  @Test
  void btreeMapOfPermissionSetsIsOrderedByKeyAndVariant() {
    JsonNode v =
        ReferenceVectors.named(
            "scale", "BTreeMap<u64, BTreeSet<ChannelActionPermission>> ordering");
    Map<Long, Set<ChannelActionPermission>> map = new LinkedHashMap<>();
    v.get("value")
        .fields()
        .forEachRemaining(
            e -> {
              Set<ChannelActionPermission> s = new java.util.LinkedHashSet<>();
              e.getValue().forEach(n -> s.add(permission(n.asText())));
              map.put(Long.parseLong(e.getKey()), s);
            });
    ScaleWriter w = new ScaleWriter();
    ChannelActionPermission.encodeCollaborators(w, map);
    assertThat(Hex.encode(w.toByteArray())).isEqualTo(v.get("hex").asText());
    Map<Long, Set<ChannelActionPermission>> back =
        ChannelActionPermission.decodeCollaborators(new ScaleReader(w.toByteArray()));
    assertThat(back).isEqualTo(map);
  }

  @Test
  void unknownCallsStayOpaqueAndBadCallBytesFailPrecisely() {
    byte[] remark = Hex.decode("0x00010c616263");
    assertThat(CallDecoder.decode(remark)).isEqualTo(new EncodedCall(remark));
    assertThat(new EncodedCall(remark).encode()).isEqualTo(remark);
    assertThatThrownBy(() -> CallDecoder.decode(Hex.decode("0x01020400010c616263")))
        .isInstanceOf(ScaleException.class)
        .hasMessage("unknown call 0/1 at offset 3 (cannot size it without metadata)");
    assertThatThrownBy(() -> CallDecoder.decode(Hex.decode("0x1a0e0907")))
        .isInstanceOf(ScaleException.class)
        .hasMessage("invalid ContentActor variant 9 at offset 2");
    byte[] withTrailing =
        Hex.decode(
            ReferenceVectors.named("calls", "content.delete_video").get("callHex").asText() + "00");
    assertThatThrownBy(() -> CallDecoder.decode(withTrailing))
        .isInstanceOf(ScaleException.class)
        .hasMessageContaining("expected end of input at offset 32");
  }
}
