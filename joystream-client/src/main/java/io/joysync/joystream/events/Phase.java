package io.joysync.joystream.events;

/** When in the block an event was emitted. */
public sealed interface Phase {

  /** While applying the extrinsic at {@code index} in the block. */
  record ApplyExtrinsic(long index) implements Phase {}

  enum Finalization implements Phase {
    INSTANCE;

    @Override
    public String toString() {
      return "Finalization";
    }
  }

  enum Initialization implements Phase {
    INSTANCE;

    @Override
    public String toString() {
      return "Initialization";
    }
  }
}
