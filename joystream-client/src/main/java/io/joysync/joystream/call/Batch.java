package io.joysync.joystream.call;

import io.joysync.joystream.scale.ScaleException;
import io.joysync.joystream.scale.ScaleReader;
import io.joysync.joystream.scale.ScaleWriter;
import java.util.List;

/**
 * {@code utility.batch} (1/0), {@code batch_all} (1/2) or {@code force_batch} (1/4) of calls.
 * batch_all is atomic (any failure reverts all and fails the extrinsic); batch stops at the first
 * failure and keeps what succeeded; force_batch runs every call.
 */
public record Batch(Mode mode, List<RuntimeCall> calls) implements RuntimeCall {
  /** The runtime's batched-calls limit. */
  public static final int MAX_CALLS = 10_922;

  /** How failures inside the batch are handled. */
  public enum Mode {
    BATCH(Pallets.UTILITY_BATCH),
    BATCH_ALL(Pallets.UTILITY_BATCH_ALL),
    FORCE_BATCH(Pallets.UTILITY_FORCE_BATCH);

    private final int callIndex;

    Mode(int callIndex) {
      this.callIndex = callIndex;
    }

    static Mode of(int callIndex) {
      for (Mode m : values()) {
        if (m.callIndex == callIndex) {
          return m;
        }
      }
      throw new IllegalArgumentException("not a batch call index: " + callIndex);
    }
  }

  public Batch {
    calls = List.copyOf(calls);
    if (calls.size() > MAX_CALLS) {
      throw new IllegalArgumentException(
          "a batch holds at most " + MAX_CALLS + " calls, got " + calls.size());
    }
  }

  public static Batch all(List<? extends RuntimeCall> calls) {
    return new Batch(Mode.BATCH_ALL, List.copyOf(calls));
  }

  public static Batch of(List<? extends RuntimeCall> calls) {
    return new Batch(Mode.BATCH, List.copyOf(calls));
  }

  @Override
  public int palletIndex() {
    return Pallets.UTILITY;
  }

  @Override
  public int callIndex() {
    return mode.callIndex;
  }

  @Override
  public void encodeArgs(ScaleWriter w) {
    w.writeVec(calls, (x, c) -> c.encodeTo(x));
  }

  static Batch decodeArgs(Mode mode, ScaleReader r, int depth) {
    int at = r.position();
    List<RuntimeCall> calls = r.readVec(x -> CallDecoder.decode(x, depth + 1));
    if (calls.size() > MAX_CALLS) {
      throw new ScaleException("batch at offset " + at + " has more than " + MAX_CALLS + " calls");
    }
    return new Batch(mode, calls);
  }
}
