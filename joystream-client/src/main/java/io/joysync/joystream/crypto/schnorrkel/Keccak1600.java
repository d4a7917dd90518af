package io.joysync.joystream.crypto.schnorrkel;

/**
 * The Keccak-f[1600] permutation (24 rounds) over a 200-byte state held as little-endian lanes, as
 * STROBE needs it. BouncyCastle keeps its permutation private inside {@code KeccakDigest}, so the
 * bare permutation lives here; it is checked against the published zero-state vector.
 */
public final class Keccak1600 {
  private static final long[] RC = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
    0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
    0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };
  private static final int[] ROT = {
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14
  };

  private Keccak1600() {}

  /** Permutes the 25 lanes in place; lane index = x + 5y. */
  public static void permute(long[] a) {
    long[] b = new long[25];
    long[] c = new long[5];
    for (int round = 0; round < 24; round++) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[y + x] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          int i = x + 5 * y;
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[i], ROT[i]);
        }
      }
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
        }
      }
      a[0] ^= RC[round];
    }
  }

  /** Permutes a 200-byte state in place (bytes are little-endian lanes). */
  public static void permute(byte[] state) {
    long[] lanes = new long[25];
    for (int i = 0; i < 25; i++) {
      long v = 0;
      for (int j = 7; j >= 0; j--) {
        v = (v << 8) | (state[8 * i + j] & 0xffL);
      }
      lanes[i] = v;
    }
    permute(lanes);
    for (int i = 0; i < 25; i++) {
      for (int j = 0; j < 8; j++) {
        state[8 * i + j] = (byte) (lanes[i] >>> (8 * j));
      }
    }
  }
}
