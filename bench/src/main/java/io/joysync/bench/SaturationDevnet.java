package io.joysync.bench;

import io.joysync.devnet.Devnet;
import io.joysync.devnet.DevnetSettings;
import io.joysync.devnet.RunningDevnet;
import io.joysync.joystream.metadata.RuntimeMetadata;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh in-process devnet for one mode: blocks every second (or as given), the runtime's real
 * weight model, Orion indexing each block as soon as it polls (the test settings: no lag, 50 ms
 * polls), and {@value #CHANNELS} channels on which the three collaborator members of the default
 * genesis all hold AddVideo, so joysync's router can give every account channels of its own. The
 * chain is recorded from its first block on ({@link ChainRecord}).
 */
final class SaturationDevnet implements AutoCloseable {
  static final int CHANNELS = 24;

  /** Storage buckets of each channel bag (the devnet genesis's dynamic bag policy). */
  static final int BUCKETS_PER_BAG = 5;

  static final String APP = "joysync";
  static final String APP_AUTH_KEY_SEED = "joysync-devnet-app";

  final RunningDevnet devnet;
  final RuntimeMetadata metadata;
  final ChainRecord record;

  private SaturationDevnet(RunningDevnet devnet, RuntimeMetadata metadata) {
    this.devnet = devnet;
    this.metadata = metadata;
    this.record = new ChainRecord(devnet.chain(), metadata);
  }

  static SaturationDevnet start(String blockInterval) throws Exception {
    List<Map<String, Object>> channels = new ArrayList<>();
    for (int i = 1; i <= CHANNELS; i++) {
      List<Map<String, Object>> collaborators = new ArrayList<>();
      for (int m = 1; m <= 3; m++) {
        collaborators.add(
            Map.of("member", "joysync-collaborator-" + m, "permissions", List.of("AddVideo")));
      }
      channels.add(
          Map.of(
              "owner",
              "alice",
              "title",
              "Saturation channel " + i,
              "language",
              "en",
              "collaborators",
              collaborators));
    }
    RunningDevnet devnet =
        Devnet.start(
            DevnetSettings.forTests()
                .with("chain.block-interval", blockInterval)
                .with("genesis.channels", channels));
    try (JoystreamRpc rpc = JoystreamRpc.connect(RpcSettings.of(URI.create(devnet.chainUrl())))) {
      byte[] bytes = rpc.metadata(null).get(30, TimeUnit.SECONDS);
      return new SaturationDevnet(devnet, RuntimeMetadata.parse(bytes));
    } catch (Exception e) {
      devnet.close();
      throw e;
    }
  }

  List<Long> channelIds() {
    List<Long> ids = new ArrayList<>();
    for (long i = 1; i <= CHANNELS; i++) {
      ids.add(i);
    }
    return ids;
  }

  @Override
  public void close() {
    record.close();
    devnet.close();
  }
}
