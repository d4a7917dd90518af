package io.joysync.devnet.chain;

import io.joysync.joystream.scale.ScaleWriter;

/**
 * sp_runtime::DispatchError as the runtime encodes it in ExtrinsicFailed, BatchInterrupted and
 * ItemFailed. Module errors carry the pallet index and the error's variant index (the first of the
 * four error bytes), with the name for humans and logs.
 */
public record DispatchError(int variant, int pallet, int error, String name) {
  public static final int OTHER = 0;
  public static final int BAD_ORIGIN = 2;
  public static final int MODULE = 3;

  public static final int SYSTEM = 0;
  public static final int UTILITY = 1;
  public static final int BALANCES = 5;
  public static final int MEMBERS = 21;
  public static final int CONTENT = 26;
  public static final int STORAGE = 27;

  public static DispatchError module(int pallet, int error, String name) {
    return new DispatchError(MODULE, pallet, error, name);
  }

  public static DispatchError badOrigin() {
    return new DispatchError(BAD_ORIGIN, 0, 0, "BadOrigin");
  }

  public static DispatchError content(int error, String name) {
    return module(CONTENT, error, name);
  }

  public static DispatchError storage(int error, String name) {
    return module(STORAGE, error, name);
  }

  public static DispatchError members(int error, String name) {
    return module(MEMBERS, error, name);
  }

  public static DispatchError balances(int error, String name) {
    return module(BALANCES, error, name);
  }

  public void encode(ScaleWriter w) {
    w.writeU8(variant);
    if (variant == MODULE) {
      w.writeU8(pallet).writeU8(error).writeU8(0).writeU8(0).writeU8(0);
    }
  }

  /** Thrown by a call to abort its dispatch; the executive rolls the state back. */
  public static final class Failure extends RuntimeException {
    private final DispatchError error;

    public Failure(DispatchError error) {
      super(error.name(), null, false, false);
      this.error = error;
    }

    public DispatchError error() {
      return error;
    }
  }

  public Failure failure() {
    return new Failure(this);
  }
}
