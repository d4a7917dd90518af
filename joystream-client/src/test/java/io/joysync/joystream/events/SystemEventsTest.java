package io.joysync.joystream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joysync.joystream.events.JoystreamEvent.DataObjectCreation;
import io.joysync.joystream.metadata.ChainMetadataFixture;
import io.joysync.joystream.metadata.MetadataException;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemEventsTest {
  private static final String CID_VIDEO = "gW4rY9qD5vaHbswTNdhdXTDCcsyqEYzBN55bXLBvSeKdSZ";
  private static final String CID_THUMB = "gW5XaLYiTPHdny7x6hw4QcQnCHokc5ou7BS3hA5enBk7SA";

  private static JsonNode vector() {
    return ChainMetadataFixture.vectors().get("events");
  }

  private static List<EventRecord> decodeVector() {
    return new SystemEvents(ChainMetadataFixture.metadata())
        .decode(Hex.decode(vector().get("hex").asText()));
  }

  @Test
  void decodesEveryRecordWithItsPalletEventAndPhase() {
    List<EventRecord> records = decodeVector();
    JsonNode expected = vector().get("records");
    assertThat(records).hasSize(vector().get("count").asInt()).hasSize(14);
    for (int i = 0; i < records.size(); i++) {
      EventRecord r = records.get(i);
      JsonNode e = expected.get(i);
      assertThat(r.pallet()).as("record " + i).isEqualTo(e.get("section").asText());
      assertThat(r.name()).as("record " + i).isEqualTo(e.get("method").asText());
      byte[] index = Hex.decode(e.get("eventIndexHex").asText());
      assertThat(new int[] {r.palletIndex(), r.index()})
          .containsExactly(index[0] & 0xff, index[1] & 0xff);
      JsonNode phase = e.get("phase");
      if (phase.has("ApplyExtrinsic")) {
        assertThat(r.phase())
            .isEqualTo(new Phase.ApplyExtrinsic(phase.get("ApplyExtrinsic").asLong()));
      } else if (phase.has("Finalization")) {
        assertThat(r.phase()).isEqualTo(Phase.Finalization.INSTANCE);
      } else {
        assertThat(r.phase()).isEqualTo(Phase.Initialization.INSTANCE);
      }
    }
    assertThat(records.get(13).topics()).containsExactly("0x" + "33".repeat(32));
  }

  @Test
  void genericValuesMatchPolkadotJsForEveryRecord() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    List<EventRecord> records = decodeVector();
    PolkadotJsonView view = new PolkadotJsonView(md.types());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < records.size(); i++) {
      EventRecord r = records.get(i);
      var variant = md.event(r.pallet(), r.name());
      ArrayNode data = json.createArrayNode();
      for (int f = 0; f < variant.fields().size(); f++) {
        data.add(view.render(variant.fields().get(f).type(), r.field(f)));
      }
      JsonNode expected = vector().get("decodedJSON").get(i).get("event").get("data");
      assertThat(reparse(json, data))
          .as("record " + i + " " + r.pallet() + "." + r.name())
          .isEqualTo(expected);
    }
  }

  private static JsonNode reparse(ObjectMapper json, JsonNode node) {
    try {
      return json.readTree(node.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void typedViewsOfTheBatchAndTheFailure() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    List<EventRecord> records = decodeVector();
    JoystreamEvents events = new JoystreamEvents(md);

    List<JoystreamEvent> batch = events.ofExtrinsic(records, 1);
    assertThat(batch).hasSize(8);
    JoystreamEvent.DataObjectsUploaded uploaded = (JoystreamEvent.DataObjectsUploaded) batch.get(0);
    assertThat(uploaded.dataObjectIds()).containsExactly(20L, 21L);
    assertThat(uploaded.bagId()).isEqualTo("dynamic:channel:5");
    assertThat(uploaded.objects())
        .containsExactly(
            new DataObjectCreation(5_242_880, CID_VIDEO),
            new DataObjectCreation(1_048_576, CID_THUMB));
    assertThat(uploaded.expectedDataSizeFee()).isEqualTo(BigInteger.valueOf(8_333_330));
    assertThat(uploaded.stateBloatBond()).isEqualTo(BigInteger.valueOf(166_666_666));

    JoystreamEvent.VideoCreated first = (JoystreamEvent.VideoCreated) batch.get(1);
    assertThat(first.actor()).isEqualTo(new ContentActor.Member(7));
    assertThat(first.channelId()).isEqualTo(5);
    assertThat(first.videoId()).isEqualTo(11);
    assertThat(first.dataObjectIds()).containsExactly(20L, 21L);
    assertThat(first.assets())
        .extracting(DataObjectCreation::ipfsContentId)
        .containsExactly(CID_VIDEO, CID_THUMB);
    assertThat(first.metaHex()).startsWith("0x120d120b6451");
    assertThat(first.expectedVideoStateBloatBond()).isEqualTo(BigInteger.valueOf(1_666_666_666));
    assertThat(batch.get(2)).isEqualTo(JoystreamEvent.ItemCompleted.INSTANCE);
    assertThat(((JoystreamEvent.VideoCreated) batch.get(4)).videoId()).isEqualTo(12);
    assertThat(((JoystreamEvent.VideoCreated) batch.get(4)).dataObjectIds())
        .containsExactly(22L, 23L);
    assertThat(batch.get(6)).isEqualTo(JoystreamEvent.BatchCompleted.INSTANCE);
    JoystreamEvent.ExtrinsicSuccess ok = (JoystreamEvent.ExtrinsicSuccess) batch.get(7);
    assertThat(ok.info().dispatchClass()).isEqualTo("Normal");
    assertThat(ok.info().paysFee()).isTrue();

    JoystreamEvent.ExtrinsicSuccess inherent =
        (JoystreamEvent.ExtrinsicSuccess) events.ofExtrinsic(records, 0).get(0);
    assertThat(inherent.info().refTime()).isEqualTo(BigInteger.valueOf(260_558_000));
    assertThat(inherent.info().dispatchClass()).isEqualTo("Mandatory");
    assertThat(inherent.info().paysFee()).isFalse();

    List<JoystreamEvent> failed = events.ofExtrinsic(records, 2);
    assertThat(failed).hasSize(1);
    JoystreamEvent.ExtrinsicFailed f = (JoystreamEvent.ExtrinsicFailed) failed.get(0);
    DispatchError.Module module = (DispatchError.Module) f.error();
    assertThat(module.palletIndex()).isEqualTo(27);
    assertThat(module.errorIndex()).isEqualTo(28);
    assertThat(module.describe()).isEqualTo("Storage.StorageBucketObjectSizeLimitReached");
    assertThat(String.join(" ", module.docs())).isNotBlank();
  }

  @Test
  void eachRecordAloneDecodesToTheSameAsInTheWholeValue() {
    List<EventRecord> whole = decodeVector();
    SystemEvents decoder = new SystemEvents(ChainMetadataFixture.metadata());
    JsonNode records = vector().get("records");
    for (int i = 0; i < records.size(); i++) {
      byte[] one = Hex.decode(records.get(i).get("hex").asText());
      byte[] vec = new byte[one.length + 1];
      vec[0] = 4; // compact(1)
      System.arraycopy(one, 0, vec, 1, one.length);
      assertThat(decoder.decode(vec)).containsExactly(whole.get(i));
    }
  }

  @Test
  void truncatedOrPaddedEventsFailWithATypedError() {
    byte[] full = Hex.decode(vector().get("hex").asText());
    SystemEvents decoder = new SystemEvents(ChainMetadataFixture.metadata());
    for (int cut : new int[] {1, 10, full.length / 2, full.length - 1}) {
      assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(full, cut)))
          .isInstanceOf(MetadataException.class)
          .satisfies(e -> assertThat(((MetadataException) e).code()).isEqualTo("value.malformed"));
    }
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(full, full.length + 1)))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("left over");
  }
}
