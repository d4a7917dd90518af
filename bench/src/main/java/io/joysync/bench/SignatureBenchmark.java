package io.joysync.bench;

import io.joysync.joystream.keys.Ed25519KeyPair;
import io.joysync.joystream.keys.Sr25519KeyPair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signatures per second of the two schemes joysync signs extrinsics with, over a 32-byte message
 * (the blake2b-256 of a signing payload longer than 256 bytes, the usual case for a create_video
 * batch). Verification is measured too, since a node (or the devnet) checks every extrinsic.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SignatureBenchmark {
  private Ed25519KeyPair ed25519;
  private Sr25519KeyPair sr25519;
  private byte[] message;
  private byte[] ed25519Signature;
  private byte[] sr25519Signature;

  @Setup
  public void setUp() {
    ed25519 = Ed25519KeyPair.fromUri("//Alice");
    sr25519 = Sr25519KeyPair.fromUri("//Alice");
    message = new byte[32];
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) (i * 7 + 1);
    }
    ed25519Signature = ed25519.sign(message);
    sr25519Signature = sr25519.sign(message);
  }

  @Benchmark
  public byte[] ed25519Sign() {
    return ed25519.sign(message);
  }

  @Benchmark
  public byte[] sr25519Sign() {
    return sr25519.sign(message);
  }

  @Benchmark
  public boolean ed25519Verify() {
    return Ed25519KeyPair.verify(ed25519.publicKey(), message, ed25519Signature);
  }

  @Benchmark
  public boolean sr25519Verify() {
    return Sr25519KeyPair.verify(sr25519.publicKey(), message, sr25519Signature);
  }
}
