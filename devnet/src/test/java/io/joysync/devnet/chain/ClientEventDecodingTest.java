package io.joysync.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.joystream.events.ContentActor;
import io.joysync.joystream.events.EventRecord;
import io.joysync.joystream.events.JoystreamEvent;
import io.joysync.joystream.events.JoystreamEvents;
import io.joysync.joystream.events.SystemEvents;
import io.joysync.joystream.metadata.RuntimeMetadata;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * joystream-client's metadata-driven decoder reads the devnet's events with the served metadata.
 */
class ClientEventDecodingTest {
  @Test
  void systemEventsDecodeWithTheServedMetadata() throws Exception {
    String hex;
    try (InputStream in = getClass().getResourceAsStream("/joystream-metadata-v14.hex")) {
      hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
    SystemEvents decoder = new SystemEvents(RuntimeMetadata.parseHex(hex));
    TestChain chain = new TestChain();
    Asset a = Asset.of("decoded".getBytes(StandardCharsets.UTF_8));
    chain.submit(
        TestExtrinsics.sign(
            TestChain.COLLABORATOR_1,
            TestExtrinsics.batchAll(
                List.of(chain.video(1, 1, List.of(a)), chain.video(1, 2, List.of()))),
            0,
            chain.immortal()));
    byte[] failing =
        TestExtrinsics.createVideo(
            1, 1, List.of(), chain.perMbFee(), null, BigInteger.TWO, chain.objectBond(), 5);
    chain.submit(TestExtrinsics.sign(TestChain.COLLABORATOR_3, failing, 0, chain.immortal()));
    Block b = chain.node.produceBlock();
    List<EventRecord> records = decoder.decode(b.eventsValue());
    assertThat(records).hasSize(b.events().size());
    assertThat(records.stream().filter(r -> r.is("Content", "VideoCreated"))).hasSize(2);
    assertThat(records.stream().filter(r -> r.is("Storage", "DataObjectsUploaded"))).hasSize(1);
    assertThat(records.stream().filter(r -> r.is("System", "ExtrinsicFailed"))).hasSize(1);
    assertThat(records.stream().filter(r -> r.is("Utility", "BatchCompleted"))).hasSize(1);
  }

  @Test
  void ownerActionsDecodeAsTypedEventsDiscoveryWatches() throws Exception {
    String hex;
    try (InputStream in = getClass().getResourceAsStream("/joystream-metadata-v14.hex")) {
      hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
    RuntimeMetadata metadata = RuntimeMetadata.parseHex(hex);
    SystemEvents decoder = new SystemEvents(metadata);
    JoystreamEvents typed = new JoystreamEvents(metadata);
    TestChain chain = new TestChain();
    chain.submit(
        TestExtrinsics.sign(
            TestChain.COLLABORATOR_1, chain.video(1, 1, List.of()), 0, chain.immortal()));
    Block created = chain.node.produceBlock();
    long videoId =
        decoder.decode(created.eventsValue()).stream()
            .flatMap(r -> typed.view(r).stream())
            .filter(e -> e instanceof JoystreamEvent.VideoCreated)
            .map(e -> ((JoystreamEvent.VideoCreated) e).videoId())
            .findFirst()
            .orElseThrow();
    long owner = chain.state().channel(1).orElseThrow().ownerMember();
    long collaborator = chain.state().channel(1).orElseThrow().collaborators().firstKey();
    chain.node.enqueueOperatorAction(rt -> rt.removeCollaborator(1, collaborator));
    chain.node.enqueueOperatorAction(rt -> rt.deleteChannelAsOwner(1));
    Block b = chain.node.produceBlock();
    List<JoystreamEvent> events =
        decoder.decode(b.eventsValue()).stream().flatMap(r -> typed.view(r).stream()).toList();
    ContentActor byOwner = new ContentActor.Member(owner);
    assertThat(events)
        .contains(
            new JoystreamEvent.ChannelUpdated(byOwner, 1),
            new JoystreamEvent.VideoDeleted(byOwner, videoId),
            new JoystreamEvent.ChannelDeleted(byOwner, 1));
  }

  @Test
  void anUpdateVideoOfTheClientDecodesAsVideoUpdatedWithItsNewMetadata() throws Exception {
    String hex;
    try (InputStream in = getClass().getResourceAsStream("/joystream-metadata-v14.hex")) {
      hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }
    RuntimeMetadata metadata = RuntimeMetadata.parseHex(hex);
    SystemEvents decoder = new SystemEvents(metadata);
    JoystreamEvents typed = new JoystreamEvents(metadata);
    TestChain chain = new TestChain();
    chain.submit(
        TestExtrinsics.sign(
            TestChain.COLLABORATOR_1, chain.video(1, 1, List.of()), 0, chain.immortal()));
    chain.node.produceBlock();
    byte[] meta =
        new io.joysync.joystream.content.VideoFacts(
                "yt1", "Edited", "", null, null, null, null, null, null, null, null, null, null,
                null, null)
            .toTextUpdate()
            .toByteArray();
    byte[] call =
        io.joysync.joystream.call.UpdateVideo.metadata(
                io.joysync.joystream.call.ContentActor.member(1), 1, meta, chain.objectBond())
            .encode();
    chain.submit(TestExtrinsics.sign(TestChain.COLLABORATOR_1, call, 1, chain.immortal()));
    Block b = chain.node.produceBlock();
    List<JoystreamEvent> events =
        decoder.decode(b.eventsValue()).stream().flatMap(r -> typed.view(r).stream()).toList();
    assertThat(events)
        .contains(
            new JoystreamEvent.VideoUpdated(
                new ContentActor.Member(1), 1, io.joysync.joystream.scale.Hex.encode(meta)));
    assertThat(
            io.joysync.joystream.content.proto.ContentMetadata.parseFrom(meta)
                .getVideoMetadata()
                .getTitle())
        .isEqualTo("Edited");
  }
}
