package io.joysync.joystream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.metadata.ChainMetadataFixture;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.scale.ScaleWriter;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-encoded records of the failure paths the vector does not contain. */
class DispatchErrorViewsTest {

  private static ScaleWriter record(ScaleWriter w, long extrinsic, int pallet, int event) {
    return w.writeU8(0).writeU32(extrinsic).writeU8(pallet).writeU8(event);
  }

  @Test
  void batchInterruptionsItemFailuresAndNonModuleErrors() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    ScaleWriter w = new ScaleWriter().writeCompact(4);
    record(w, 3, 1, 0).writeU32(1).writeU8(3).writeU8(26).writeBytes(new byte[] {115, 0, 0, 0});
    w.writeCompact(0);
    record(w, 3, 1, 4).writeU8(7).writeU8(0).writeCompact(0);
    record(w, 3, 1, 2).writeCompact(0);
    record(w, 4, 0, 1).writeU8(2); // BadOrigin
    w.writeCompact(BigInteger.valueOf(1_000)).writeCompact(BigInteger.ZERO).writeU8(0).writeU8(0);
    w.writeCompact(0);

    List<EventRecord> records = new SystemEvents(md).decode(w.toByteArray());
    JoystreamEvents events = new JoystreamEvents(md);

    List<JoystreamEvent> batch = events.ofExtrinsic(records, 3);
    JoystreamEvent.BatchInterrupted interrupted = (JoystreamEvent.BatchInterrupted) batch.get(0);
    assertThat(interrupted.index()).isEqualTo(1);
    DispatchError.Module module = (DispatchError.Module) interrupted.error();
    assertThat(module.describe()).isEqualTo("Content.InsufficientBalanceForVideoCreation");
    assertThat(module.docs()).isNotEmpty();
    assertThat(((JoystreamEvent.ItemFailed) batch.get(1)).error())
        .isEqualTo(new DispatchError.Other("Token", "NoFunds"));
    assertThat(batch.get(2)).isEqualTo(JoystreamEvent.BatchCompletedWithErrors.INSTANCE);

    JoystreamEvent.ExtrinsicFailed failed =
        (JoystreamEvent.ExtrinsicFailed) events.ofExtrinsic(records, 4).get(0);
    assertThat(failed.error()).isEqualTo(new DispatchError.Other("BadOrigin", null));
    assertThat(failed.error().describe()).isEqualTo("BadOrigin");
    assertThat(failed.info())
        .isEqualTo(new DispatchInfo(BigInteger.valueOf(1_000), BigInteger.ZERO, "Normal", true));
  }

  @Test
  void aModuleErrorTheMetadataDoesNotKnowIsStillReported() {
    RuntimeMetadata md = ChainMetadataFixture.metadata();
    ScaleWriter w = new ScaleWriter().writeCompact(1);
    record(w, 0, 0, 1).writeU8(3).writeU8(26).writeBytes(new byte[] {(byte) 250, 0, 0, 0});
    w.writeCompact(BigInteger.ONE).writeCompact(BigInteger.ONE).writeU8(0).writeU8(1);
    w.writeCompact(0);
    EventRecord r = new SystemEvents(md).decode(w.toByteArray()).get(0);
    JoystreamEvent.ExtrinsicFailed failed =
        (JoystreamEvent.ExtrinsicFailed) new JoystreamEvents(md).view(r).orElseThrow();
    assertThat(failed.error().describe()).isEqualTo("Content.Error#250");
    assertThat(failed.info().paysFee()).isFalse();
  }
}
