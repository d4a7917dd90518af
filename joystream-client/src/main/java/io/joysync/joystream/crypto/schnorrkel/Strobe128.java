package io.joysync.joystream.crypto.schnorrkel;

import java.nio.charset.StandardCharsets;

/**
 * The minimal STROBE-128 (v1.0.2) subset that Merlin transcripts use: meta-AD, AD, PRF and KEY
 * operations over Keccak-f[1600] with rate 166. Mutable; {@link #copy()} forks the state.
 */
final class Strobe128 {
  private static final int R = 166;
  private static final int FLAG_I = 1;
  private static final int FLAG_A = 1 << 1;
  private static final int FLAG_C = 1 << 2;
  private static final int FLAG_T = 1 << 3;
  private static final int FLAG_M = 1 << 4;
  private static final int FLAG_K = 1 << 5;

  private final byte[] state;
  private int pos;
  private int posBegin;
  private int curFlags;

  Strobe128(byte[] protocolLabel) {
    state = new byte[200];
    state[0] = 1;
    state[1] = (byte) (R + 2);
    state[2] = 1;
    state[3] = 0;
    state[4] = 1;
    state[5] = 96;
    byte[] version = "STROBEv1.0.2".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(version, 0, state, 6, version.length);
    Keccak1600.permute(state);
    metaAd(protocolLabel, false);
  }

  private Strobe128(Strobe128 other) {
    state = other.state.clone();
    pos = other.pos;
    posBegin = other.posBegin;
    curFlags = other.curFlags;
  }

  Strobe128 copy() {
    return new Strobe128(this);
  }

  void metaAd(byte[] data, boolean more) {
    beginOp(FLAG_M | FLAG_A, more);
    absorb(data);
  }

  void ad(byte[] data, boolean more) {
    beginOp(FLAG_A, more);
    absorb(data);
  }

  void prf(byte[] out, boolean more) {
    beginOp(FLAG_I | FLAG_A | FLAG_C, more);
    squeeze(out);
  }

  void key(byte[] data, boolean more) {
    beginOp(FLAG_A | FLAG_C, more);
    overwrite(data);
  }

  private void runF() {
    state[pos] ^= (byte) posBegin;
    state[pos + 1] ^= 0x04;
    state[R + 1] ^= (byte) 0x80;
    Keccak1600.permute(state);
    pos = 0;
    posBegin = 0;
  }

  private void absorb(byte[] data) {
    for (byte b : data) {
      state[pos] ^= b;
      pos++;
      if (pos == R) {
        runF();
      }
    }
  }

  private void overwrite(byte[] data) {
    for (byte b : data) {
      state[pos] = b;
      pos++;
      if (pos == R) {
        runF();
      }
    }
  }

  private void squeeze(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = state[pos];
      state[pos] = 0;
      pos++;
      if (pos == R) {
        runF();
      }
    }
  }

  private void beginOp(int flags, boolean more) {
    if (more) {
      if (curFlags != flags) {
        throw new IllegalStateException("STROBE continued an operation with different flags");
      }
      return;
    }
    if ((flags & FLAG_T) != 0) {
      throw new IllegalStateException("STROBE transport operations are not supported");
    }
    int oldBegin = posBegin;
    posBegin = pos + 1;
    curFlags = flags;
    absorb(new byte[] {(byte) oldBegin, (byte) flags});
    boolean forceF = (flags & (FLAG_C | FLAG_K)) != 0;
    if (forceF && pos != 0) {
      runF();
    }
  }
}
