package io.joysync.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.joystream.orion.OrionChannel;
import io.joysync.joystream.orion.OrionClient;
import io.joysync.joystream.orion.OrionMember;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** joystream-client's Orion client gets well-formed answers to every query it makes. */
class OrionClientCompatibilityTest {
  static RunningDevnet devnet;
  static OrionClient orion;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetSettings.forTests());
    orion = OrionClient.create(URI.create(devnet.orionUrl()));
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  @Test
  void genesisChannelsMembersAppsAndBucketsAreVisible() throws Exception {
    OrionChannel channel = orion.channelById(1).get(10, TimeUnit.SECONDS).orElseThrow();
    assertThat(channel.totalVideosCreated()).isZero();
    assertThat(channel.owner().orElseThrow().memberId()).isZero();
    assertThat(orion.channelById(999).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(orion.membershipById(1).get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(orion.membershipByHandle("joysync-collaborator-1").get(10, TimeUnit.SECONDS))
        .map(OrionMember::id)
        .contains(1L);
    assertThat(orion.membershipByHandle("nobody-has-this").get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(orion.appByName("joysync").get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(orion.storageBucketsForBag("dynamic:channel:1").get(10, TimeUnit.SECONDS))
        .hasSize(5);
    assertThat(orion.videosByYtVideoId("unknown", "joysync").get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(orion.dataObjectsOfBag("dynamic:channel:1", 10).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(orion.indexedHeight().get(10, TimeUnit.SECONDS)).isNotNegative();
  }
}
