package io.joysync.devnet.chain;

import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.scale.ScaleReader;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A chain node on the default test genesis whose blocks the test produces by hand. */
final class TestChain {
  static final KeyPair COLLABORATOR_1 = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");
  static final KeyPair COLLABORATOR_2 = KeyPair.fromUri(KeyType.ED25519, "//Joysync//2");
  static final KeyPair COLLABORATOR_3 = KeyPair.fromUri(KeyType.SR25519, "//Joysync//3");
  static final KeyPair ALICE = KeyPair.fromUri(KeyType.SR25519, "//Alice");
  static final KeyPair BOB_ED = KeyPair.fromUri(KeyType.ED25519, "//Bob");

  final FaultSwitches faults = new FaultSwitches();
  final Genesis genesis;
  final Runtime runtime;
  final ChainNode node;
  final List<TxStatus> statuses = new ArrayList<>();

  TestChain() {
    this(TransactionPool.Limits.defaults());
  }

  TestChain(TransactionPool.Limits limits) {
    genesis = new Genesis(DevnetSettings.forTests().devnet().getConfig("genesis"));
    runtime =
        new Runtime(
            new ChainState(),
            new ChainIdentity(
                ChainIdentity.SPEC_VERSION,
                ChainIdentity.TRANSACTION_VERSION,
                genesis.genesisHash()));
    genesis.apply(runtime);
    node =
        new ChainNode(
            runtime,
            new ChainNode.Settings(Duration.ofSeconds(1), 2, limits, 0),
            faults,
            Clock.systemUTC(),
            genesis.stateRoot());
  }

  ChainState state() {
    return runtime.state();
  }

  TestExtrinsics.Context immortal() {
    return TestExtrinsics.Context.immortal(genesis.genesisHash());
  }

  TestExtrinsics.Context mortal(long period) {
    long current = node.best().number();
    long phase = current % period;
    long birth = current - phase + phase;
    return TestExtrinsics.Context.mortal(
        genesis.genesisHash(), period, current, node.block(birth).orElseThrow().hash());
  }

  BigInteger videoBond() {
    return state().videoStateBloatBond();
  }

  BigInteger objectBond() {
    return state().dataObjectStateBloatBond();
  }

  BigInteger perMbFee() {
    return state().dataObjectPerMegabyteFee();
  }

  byte[] video(long member, long channel, List<TestExtrinsics.Asset> assets) {
    return TestExtrinsics.createVideo(
        member, channel, assets, perMbFee(), new byte[] {1, 2}, videoBond(), objectBond(), 5);
  }

  String submit(byte[] extrinsic) {
    return node.submit(extrinsic, statuses::add);
  }

  long nonce(KeyPair key) {
    return state().account(new AccountId(key.publicKey())).nonce();
  }

  /** The events of a block that belong to extrinsic {@code index}, as (pallet, variant, data). */
  static List<int[]> eventIds(Block b, int index) {
    List<int[]> out = new ArrayList<>();
    for (EventLog.Record r : b.events()) {
      ScaleReader rd = new ScaleReader(r.encoded());
      int phase = rd.readU8();
      long at = phase == 0 ? rd.readU32() : -1;
      if (phase == 0 && at == index) {
        out.add(new int[] {rd.readU8(), rd.readU8()});
      }
    }
    return out;
  }

  /** The module error of the ExtrinsicFailed of extrinsic {@code index}, as {pallet, error}. */
  static int[] failure(Block b, int index) {
    for (EventLog.Record r : b.events()) {
      ScaleReader rd = new ScaleReader(r.encoded());
      int phase = rd.readU8();
      long at = phase == 0 ? rd.readU32() : -1;
      if (phase == 0 && at == index && rd.readU8() == 0 && rd.readU8() == 1) {
        int variant = rd.readU8();
        if (variant == 3) {
          return new int[] {rd.readU8(), rd.readU8()};
        }
        return new int[] {-1, variant};
      }
    }
    return null;
  }
}
