package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.TestExtrinsics.Asset;
import io.joysync.joystream.call.Batch;
import io.joysync.joystream.call.ContentActor;
import io.joysync.joystream.call.CreateVideo;
import io.joysync.joystream.call.DataObjectCreation;
import io.joysync.joystream.call.StorageAssets;
import io.joysync.joystream.colossus.ColossusClient;
import io.joysync.joystream.colossus.StorageBagId;
import io.joysync.joystream.colossus.StorageNode;
import io.joysync.joystream.colossus.UploadOutcome;
import io.joysync.joystream.colossus.UploadRequest;
import io.joysync.joystream.extrinsic.ChainIdentity;
import io.joysync.joystream.extrinsic.SignedExtrinsic;
import io.joysync.joystream.extrinsic.TransactionParams;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.rpc.JoystreamRpc;
import io.joysync.joystream.rpc.RpcSettings;
import io.joysync.joystream.rpc.TransactionStatus;
import io.joysync.joystream.scale.Hex;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** joystream-client's RPC, Colossus and Orion clients drive a whole video through the devnet. */
class ClientEndToEndTest {
  static RunningDevnet devnet;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @Test
  void submitWatchUploadAndSeeItAccepted() throws Exception {
    KeyPair signer = KeyPair.fromUri(KeyType.SR25519, "//Joysync//3");
    byte[] file = "client end to end media".getBytes(StandardCharsets.UTF_8);
    Asset media = Asset.of(file);
    ChainState s = devnet.chain().read(rt -> rt.state());
    long objectId = s.nextDataObjectId();
    JoystreamRpc rpc = JoystreamRpc.connect(RpcSettings.of(URI.create(devnet.chainUrl())));
    try {
      byte[] genesis = Hex.decode(rpc.genesisHash().get(10, TimeUnit.SECONDS));
      long nonce = rpc.accountNextIndex(signer.address()).get(10, TimeUnit.SECONDS);
      CreateVideo video =
          new CreateVideo(
              ContentActor.member(3),
              2,
              Optional.of(
                  new StorageAssets(
                      List.of(new DataObjectCreation(file.length, media.cid())),
                      s.dataObjectPerMegabyteFee())),
              Optional.empty(),
              s.videoStateBloatBond(),
              s.dataObjectStateBloatBond(),
              5);
      byte[] x =
          SignedExtrinsic.sign(
                  signer,
                  Batch.all(List.of(video)),
                  new ChainIdentity(2004, 2, genesis),
                  TransactionParams.immortal(nonce, BigInteger.ZERO))
              .encode();
      List<TransactionStatus> seen = new CopyOnWriteArrayList<>();
      rpc.submitAndWatchExtrinsic(x)
          .get(10, TimeUnit.SECONDS)
          .forEach(seen::add)
          .get(20, TimeUnit.SECONDS);
      assertThat(seen).anyMatch(st -> st instanceof TransactionStatus.InBlock);
      assertThat(seen.get(seen.size() - 1)).isInstanceOf(TransactionStatus.Finalized.class);
    } finally {
      rpc.close();
    }
    Path temp = Files.createTempFile("upload-", ".bin");
    try {
      Files.write(temp, file);
      UploadOutcome outcome =
          ColossusClient.create()
              .upload(
                  StorageNode.of(0, devnet.colossusUrl()),
                  new UploadRequest(objectId, StorageBagId.channel(2), temp))
              .get(20, TimeUnit.SECONDS);
      assertThat(outcome).isInstanceOf(UploadOutcome.Stored.class);
    } finally {
      Files.deleteIfExists(temp);
    }
    OrionClient orion = OrionClient.create(URI.create(devnet.orionUrl()));
    Http.await(
        Duration.ofSeconds(15),
        () -> orion.dataObjectsByIds(List.of(objectId)).get(10, TimeUnit.SECONDS),
        list -> list.size() == 1 && list.get(0).accepted());
  }
}
