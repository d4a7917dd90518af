package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.TestExtrinsics;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.Hex;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault switch of the admin API, observed the way a client would notice it. */
class FaultSwitchTest {
  static RunningDevnet devnet;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @AfterEach
  void reset() throws Exception {
    assertThat(Http.post(devnet.adminUrl() + "/faults/reset", "").status()).isEqualTo(200);
  }

  private static Http.Reply faults(String json) throws Exception {
    Http.Reply r = Http.put(devnet.adminUrl() + "/faults", json);
    assertThat(r.status()).as("faults %s: %s", json, r.body()).isEqualTo(200);
    return r;
  }

  private static byte[] video(KeyPair key, long member, long channel, long nonce) {
    return video(key, member, channel, nonce, List.of());
  }

  private static byte[] video(
      KeyPair key, long member, long channel, long nonce, List<TestExtrinsics.Asset> assets) {
    ChainState s = devnet.chain().read(rt -> rt.state());
    byte[] call =
        TestExtrinsics.batchAll(
            List.of(
                TestExtrinsics.createVideo(
                    member,
                    channel,
                    assets,
                    s.dataObjectPerMegabyteFee(),
                    null,
                    s.videoStateBloatBond(),
                    s.dataObjectStateBloatBond(),
                    5)));
    return TestExtrinsics.sign(
        key, call, nonce, TestExtrinsics.Context.immortal(Hex.decode(devnet.genesisHash())));
  }

  private static long nextIndex(WsClient c, KeyPair key) throws Exception {
    return c.call("system_accountNextIndex", key.address()).path("result").asLong();
  }

  @Test
  void answerInvalidDropAndDelay() throws Exception {
    KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Joysync//2");
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      faults("{\"answerInvalid\":\"Transaction is outdated\"}");
      JsonNode err =
          c.call("author_submitExtrinsic", Hex.encode(video(key, 2, 2, nextIndex(c, key))))
              .path("error");
      assertThat(err.path("code").asInt()).isEqualTo(1010);
      assertThat(err.path("data").asText()).isEqualTo("Transaction is outdated");
      faults("{\"answerInvalid\":null,\"dropExtrinsics\":true}");
      long before = devnet.chain().read(rt -> rt.state().nextVideoId());
      String sub =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(key, 2, 2, nextIndex(c, key))))
              .path("result")
              .asText();
      c.awaitNotification(sub, s -> s.asText().equals("dropped"));
      long after = devnet.chain().read(rt -> rt.state().nextVideoId());
      assertThat(after).isEqualTo(before);
      faults("{\"dropExtrinsics\":false,\"extrinsicDelayMillis\":1000}");
      long submittedAt = devnet.chain().best().number();
      String delayed =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(key, 2, 2, nextIndex(c, key))))
              .path("result")
              .asText();
      assertThat(devnet.chain().poolSize()).isZero();
      JsonNode inBlock = c.awaitNotification(delayed, s -> s.has("inBlock"));
      long includedAt =
          devnet.chain().block(inBlock.path("inBlock").asText()).orElseThrow().number();
      assertThat(includedAt).isGreaterThan(submittedAt + 2);
    }
  }

  @Test
  void stalledFinalityStopsTheFinalizedHeadWhileBlocksGoOn() throws Exception {
    faults("{\"stallFinality\":true}");
    long finalized = devnet.chain().finalizedBlock().number();
    long best = devnet.chain().best().number();
    Http.await(Duration.ofSeconds(10), () -> devnet.chain().best().number(), n -> n > best + 4);
    assertThat(devnet.chain().finalizedBlock().number()).isLessThanOrEqualTo(finalized + 1);
    reset();
    Http.await(
        Duration.ofSeconds(10), () -> devnet.chain().finalizedBlock().number(), n -> n > best + 2);
  }

  @Test
  void restartingTheNodeCutsConnectionsAndSubscriptionsAndComesBack() throws Exception {
    WsClient c = new WsClient(devnet.chainUrl());
    String heads = c.call("chain_subscribeNewHeads").path("result").asText();
    c.awaitNotification(heads, h -> true);
    Http.Reply r =
        Http.post(devnet.adminUrl() + "/actions/restart-node", "{\"downtimeMillis\":500}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
    c.close();
    try (WsClient again = new WsClient(devnet.chainUrl())) {
      assertThat(again.call("system_chain").path("result").asText()).isEqualTo("Joystream Devnet");
    }
  }

  @Test
  void orionLagAndDown() throws Exception {
    faults("{\"orionExtraLag\":5}");
    Http.await(
        Duration.ofSeconds(10),
        () -> devnet.chain().best().number() - devnet.orion().index().lastProcessedBlock(),
        lag -> lag >= 5);
    faults("{\"orionDown\":true}");
    assertThatThrownBy(
            () -> Http.post(devnet.orionUrl(), "{\"query\":\"{ squidStatus { height } }\"}"))
        .isInstanceOf(IOException.class);
    faults("{\"orionDown\":false,\"orionExtraLag\":0}");
    JsonNode d =
        Http.graphql(
            devnet.orionUrl(), "{ squidStatus { height } processorState { lastProcessedBlock } }");
    assertThat(d.path("squidStatus").path("height").asInt()).isPositive();
  }

  @Test
  void storageNodeDownSlowAndFailing() throws Exception {
    String version = devnet.colossusApiUrl() + "/version";
    faults("{\"storageDown\":true}");
    assertThatThrownBy(() -> Http.get(version)).isInstanceOf(IOException.class);
    faults("{\"storageDown\":false,\"storageDelayMillis\":700}");
    long t0 = System.nanoTime();
    assertThat(Http.get(version).status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    faults("{\"storageDelayMillis\":0,\"storageErrors\":true}");
    Http.Reply r = Http.upload(devnet.colossusApiUrl(), 0, 0, "dynamic:channel:1", new byte[] {1});
    assertThat(r.status()).isEqualTo(500);
  }

  @Test
  void aShareOfUploadsFailsAndOfExtrinsicsIsDropped() throws Exception {
    faults("{\"storageErrorShare\":0.5,\"dropExtrinsicsShare\":0.1}");
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      Http.Reply r =
          Http.upload(devnet.colossusApiUrl(), 0, 0, "dynamic:channel:1", new byte[] {1});
      if (r.status() == 500) {
        failed++;
      }
    }
    // Half of 200 on average; 60 and 140 are more than five standard deviations away.
    assertThat(failed).isBetween(60, 140);
    JsonNode switches = Http.get(devnet.adminUrl() + "/faults").body();
    assertThat(switches.path("dropExtrinsicsShare").asDouble()).isEqualTo(0.1);
    assertThat(switches.path("storageErrorShare").asDouble()).isEqualTo(0.5);

    Http.Reply bad = Http.put(devnet.adminUrl() + "/faults", "{\"storageErrorShare\":1.5}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("message").asText())
        .contains("storageErrorShare must be a number from 0 to 1");
    assertThat(Http.get(devnet.adminUrl() + "/faults").body().path("storageErrorShare").asDouble())
        .as("a refused switch changes nothing")
        .isEqualTo(0.5);
  }

  @Test
  void uploadsShareTheStorageNodesShapedLink() throws Exception {
    java.util.Random random = new java.util.Random(7);
    byte[] one = new byte[200_000];
    byte[] two = new byte[200_000];
    random.nextBytes(one);
    random.nextBytes(two);
    List<TestExtrinsics.Asset> assets =
        List.of(TestExtrinsics.Asset.of(one), TestExtrinsics.Asset.of(two));
    KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
    long firstObject = devnet.chain().read(rt -> rt.state().nextDataObjectId());
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String sub =
          c.call(
                  "author_submitAndWatchExtrinsic",
                  Hex.encode(video(key, 1, 1, nextIndex(c, key), assets)))
              .path("result")
              .asText();
      c.awaitNotification(sub, st -> st.has("inBlock"));
    }
    faults("{\"storageLinkBytesPerSecond\":100000}");
    long before = devnet.colossus().bytesReceived();
    long t0 = System.nanoTime();
    java.util.concurrent.CompletableFuture<Http.Reply> first =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> upload(firstObject, one));
    Http.Reply second = upload(firstObject + 1, two);
    assertThat(first.get().status()).as(first.get().body().toString()).isEqualTo(201);
    assertThat(second.status()).as(second.body().toString()).isEqualTo(201);
    // 400 000 bytes through a link of 100 000 a second: the last chunk cannot start before the
    // rest went through (at most a chunk of 64 KiB of each upload on its way: >= 2.6 s).
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2_600));
    assertThat(devnet.colossus().bytesReceived() - before).isEqualTo(400_000);
    assertThat(
            Http.get(devnet.adminUrl() + "/faults")
                .body()
                .path("storageLinkBytesPerSecond")
                .asLong())
        .isEqualTo(100_000);
    Http.Reply bad = Http.put(devnet.adminUrl() + "/faults", "{\"storageLinkBytesPerSecond\":-1}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("message").asText()).contains("storageLinkBytesPerSecond");
  }

  private static Http.Reply upload(long objectId, byte[] file) {
    try {
      return Http.upload(devnet.colossusApiUrl(), objectId, 0, "dynamic:channel:1", file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void ownerAndOperatorActionsChangeTheChainInTheNextBlock() throws Exception {
    Http.Reply full = Http.post(devnet.adminUrl() + "/actions/bucket-full", "{\"bucketId\":4}");
    assertThat(full.status()).isEqualTo(200);
    Http.await(
        Duration.ofSeconds(5),
        () -> devnet.chain().read(rt -> rt.state().bucket(4).orElseThrow()),
        b -> b.objectsLimit() == b.objectsUsed() && b.sizeLimit() == b.sizeUsed());
    assertThat(
            Http.post(
                    devnet.adminUrl() + "/actions/remove-collaborator",
                    "{\"channelId\":2,\"memberId\":3}")
                .status())
        .isEqualTo(200);
    Http.await(
        Duration.ofSeconds(5),
        () ->
            devnet
                .chain()
                .read(rt -> rt.state().channel(2).orElseThrow().collaborators().containsKey(3L)),
        has -> !has);
    assertThat(
            Http.post(devnet.adminUrl() + "/actions/delete-channel", "{\"channelId\":3}").status())
        .isEqualTo(200);
    Http.await(
        Duration.ofSeconds(5),
        () -> devnet.chain().read(rt -> rt.state().channel(3).isPresent()),
        p -> !p);
    KeyPair key = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
    long videoId = devnet.chain().read(rt -> rt.state().nextVideoId());
    try (WsClient c = new WsClient(devnet.chainUrl())) {
      String sub =
          c.call("author_submitAndWatchExtrinsic", Hex.encode(video(key, 1, 1, nextIndex(c, key))))
              .path("result")
              .asText();
      c.awaitNotification(sub, st -> st.has("inBlock"));
    }
    String query = "{ videoById(id: \"" + videoId + "\") { id } }";
    Http.await(
        Duration.ofSeconds(5),
        () -> Http.graphql(devnet.orionUrl(), query),
        d -> !d.path("videoById").isNull());
    Http.Reply deleted =
        Http.post(devnet.adminUrl() + "/actions/delete-video", "{\"videoId\":" + videoId + "}");
    assertThat(deleted.status()).isEqualTo(200);
    Http.await(
        Duration.ofSeconds(5),
        () -> Http.graphql(devnet.orionUrl(), query),
        d -> d.path("videoById").isNull());
    assertThat(
            Http.post(devnet.adminUrl() + "/actions/delete-video", "{\"videoId\":424242}").status())
        .isEqualTo(404);
    Http.Reply bad =
        Http.post(devnet.adminUrl() + "/actions/delete-channel", "{\"channelId\":\"x\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("message").asText()).contains("channelId");
    assertThat(Http.put(devnet.adminUrl() + "/faults", "{\"noSuchSwitch\":true}").status())
        .isEqualTo(400);
  }
}
