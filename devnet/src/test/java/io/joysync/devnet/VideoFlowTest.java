package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.TestExtrinsics;
import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.joystream.content.proto.AppAction;
import io.joysync.joystream.content.proto.AppActionMetadata;
import io.joysync.joystream.content.proto.ContentMetadata;
import io.joysync.joystream.content.proto.VideoMetadata;
import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sync-service round trip: create_video batch with AppAction metadata on chain, uploads to
 * Colossus checked against the chain's objects, acceptance, and what Orion shows.
 */
class VideoFlowTest {
  static RunningDevnet devnet;
  static final KeyPair SIGNER = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
  static final Ed25519KeyPair APP_KEY = Ed25519KeyPair.fromString("joysync-devnet-app");

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  static byte[] assetsRecord(List<Asset> assets, BigInteger fee) {
    ScaleWriter w = new ScaleWriter().writeCompact(assets.size());
    for (Asset a : assets) {
      w.writeU64(a.content().length).writeByteVec(a.cid().getBytes(StandardCharsets.US_ASCII));
    }
    return w.writeU128(fee).toByteArray();
  }

  static byte[] appActionMeta(
      long nonce, long channel, List<Asset> assets, BigInteger fee, String ytId, String title) {
    byte[] raw =
        ContentMetadata.newBuilder()
            .setVideoMetadata(
                VideoMetadata.newBuilder().setTitle(title).setVideo(0).setThumbnailPhoto(1))
            .build()
            .toByteArray();
    byte[] metadata = AppActionMetadata.newBuilder().setVideoId(ytId).build().toByteArray();
    String commitment =
        "["
            + nonce
            + ",\""
            + channel
            + "\",0,0,\"0x01"
            + Hex.encodeBare(assetsRecord(assets, fee))
            + "\",\""
            + Hex.encode(raw)
            + "\",\""
            + Hex.encode(metadata)
            + "\"]";
    byte[] signature = APP_KEY.sign(commitment.getBytes(StandardCharsets.UTF_8));
    return AppAction.newBuilder()
        .setAppId("1")
        .setMetadata(ByteString.copyFrom(metadata))
        .setRawAction(ByteString.copyFrom(raw))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }

  @Test
  void videosCreatedOnChainAreUploadedAcceptedAndIndexedWithTheirYoutubeIds() throws Exception {
    ChainState s = devnet.chain().read(rt -> rt.state());
    BigInteger fee = s.dataObjectPerMegabyteFee();
    Asset media = Asset.of("media bytes of video one".getBytes(StandardCharsets.UTF_8));
    Asset thumb = Asset.of("thumbnail one".getBytes(StandardCharsets.UTF_8));
    Asset media2 = Asset.of("media bytes of video two".getBytes(StandardCharsets.UTF_8));
    Asset thumb2 = Asset.of("thumbnail two".getBytes(StandardCharsets.UTF_8));
    byte[] good = appActionMeta(0, 1, List.of(media, thumb), fee, "yt-good", "Good");
    byte[] wrongNonce = appActionMeta(0, 1, List.of(media2, thumb2), fee, "yt-forged", "Forged");
    byte[] call =
        TestExtrinsics.batchAll(
            List.of(
                TestExtrinsics.createVideo(
                    1,
                    1,
                    List.of(media, thumb),
                    fee,
                    good,
                    s.videoStateBloatBond(),
                    s.dataObjectStateBloatBond(),
                    5),
                TestExtrinsics.createVideo(
                    1,
                    1,
                    List.of(media2, thumb2),
                    fee,
                    wrongNonce,
                    s.videoStateBloatBond(),
                    s.dataObjectStateBloatBond(),
                    5)));
    long firstObject = s.nextDataObjectId();
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      long nonce = c.call("system_accountNextIndex", SIGNER.address()).path("result").asLong();
      byte[] x =
          TestExtrinsics.sign(
              SIGNER,
              call,
              nonce,
              TestExtrinsics.Context.immortal(Hex.decode(devnet.genesisHash())));
      String sub = c.call("author_submitAndWatchExtrinsic", Hex.encode(x)).path("result").asText();
      c.awaitNotification(sub, st -> st.has("inBlock"));
    }
    String api = devnet.colossusApiUrl();
    assertThat(Http.get(api + "/version").status()).isEqualTo(200);
    Http.Reply wrong =
        Http.upload(
            api, firstObject, 0, "dynamic:channel:1", "not it".getBytes(StandardCharsets.UTF_8));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().path("message").asText())
        .isEqualTo(
            "Error: File size doesn't match the data object's size for data object ID = "
                + firstObject);
    Http.Reply ok = Http.upload(api, firstObject, 0, "dynamic:channel:1", media.content());
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().path("id").asText()).isEqualTo(media.cid());
    Http.Reply again = Http.upload(api, firstObject, 0, "dynamic:channel:1", media.content());
    assertThat(again.body().path("message").asText()).contains("already exists");
    Http.Reply otherBucket =
        Http.upload(api, firstObject, 42, "dynamic:channel:1", media.content());
    assertThat(otherBucket.status()).isEqualTo(503);
    Http.Reply missing = Http.upload(api, 999_999, 0, "dynamic:channel:1", media.content());
    assertThat(missing.body().path("message").asText()).contains("doesn't exist in storage bag");
    byte[] swapped = thumb.content();
    Http.Reply badHash =
        Http.upload(
            api,
            firstObject + 1,
            0,
            "dynamic:channel:1",
            new String(swapped, StandardCharsets.UTF_8)
                .replace('o', '0')
                .getBytes(StandardCharsets.UTF_8));
    assertThat(badHash.body().path("message").asText()).contains("multihash doesn't match");

    String orion = devnet.orionUrl();
    JsonNode video =
        Http.await(
            Duration.ofSeconds(15),
            () ->
                Http.graphql(
                    orion,
                    "{ videos(where: {ytVideoId_eq: \"yt-good\", entryApp: {name_eq: \"joysync\"}}) {"
                        + " id ytVideoId title entryApp { id name } media { id isAccepted } thumbnailPhoto { id } } }"),
            d ->
                d.path("videos").size() == 1
                    && d.path("videos").get(0).path("media").path("isAccepted").asBoolean());
    JsonNode v = video.path("videos").get(0);
    assertThat(v.path("title").asText()).isEqualTo("Good");
    assertThat(v.path("media").path("id").asText()).isEqualTo(Long.toString(firstObject));
    assertThat(v.path("thumbnailPhoto").path("id").asText())
        .isEqualTo(Long.toString(firstObject + 1));
    boolean acceptedOnChain =
        devnet.chain().read(rt -> rt.state().dataObject(firstObject).orElseThrow().accepted());
    assertThat(acceptedOnChain).isTrue();

    JsonNode forged =
        Http.graphql(
            orion, "{ videos(where: {title_eq: \"Forged\"}) { id ytVideoId entryApp { id } } }");
    assertThat(forged.path("videos").get(0).path("ytVideoId").isNull()).isTrue();
    assertThat(forged.path("videos").get(0).path("entryApp").isNull()).isTrue();

    JsonNode channel =
        Http.graphql(
            orion,
            "query Q { channelByUniqueInput(where: {id: \"1\"}) { id totalVideosCreated ownerMember { id controllerAccount } videos { id videoStateBloatBond } } squidStatus { height } }");
    assertThat(channel.path("channelByUniqueInput").path("totalVideosCreated").asInt())
        .isEqualTo(2);
    assertThat(channel.path("squidStatus").path("height").asInt()).isPositive();
    JsonNode buckets =
        Http.graphql(
            orion,
            "{ storageBuckets(where: {operatorStatus: {isTypeOf_eq: \"StorageBucketOperatorStatusActive\"}, bags_some: {bag: {id_eq: \"dynamic:channel:1\"}}, operatorMetadata: {nodeEndpoint_contains: \"http\"}}) { id operatorMetadata { nodeEndpoint } } }");
    assertThat(buckets.path("storageBuckets").size()).isEqualTo(5);
    assertThat(
            buckets
                .path("storageBuckets")
                .get(0)
                .path("operatorMetadata")
                .path("nodeEndpoint")
                .asText())
        .isEqualTo(devnet.colossusUrl());
    JsonNode apps =
        Http.graphql(
            orion,
            "{ apps(where: {name_eq: \"joysync\"}) { id name authKey ownerMember { id } } }");
    assertThat(apps.path("apps").get(0).path("authKey").asText())
        .isEqualTo(Hex.encode(APP_KEY.publicKey()));
  }

  @Test
  void malformedGraphQlGetsAnErrorNotACrash() throws Exception {
    Http.Reply r = Http.post(devnet.orionUrl(), "{\"query\":\"{ videos { id \"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("errors").get(0).path("message").asText()).startsWith("Syntax Error");
    Http.Reply unknown = Http.post(devnet.orionUrl(), "{\"query\":\"{ nope { id } }\"}");
    assertThat(unknown.body().path("errors").get(0).path("message").asText())
        .contains("Cannot query field");
  }
}
