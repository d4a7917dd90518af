package io.joysync.engine.youtube;

import static io.joysync.engine.youtube.YoutubeDataClientTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.youtube.api.YoutubeDataClient;
import io.joysync.engine.youtube.quota.InMemoryQuotaLedger;
import io.joysync.engine.youtube.quota.QuotaBudget;
import io.joysync.engine.youtube.quota.QuotaGovernor;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operators name public channels by id, handle or page URL; the client reads them with the API key
 * against the YouTube devnet and charges one unit of sync quota per lookup.
 */
class PublicChannelLookupTest {

  private static YoutubeDevnetFixture devnet;
  private final ExecutorService blocking = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private QuotaGovernor governor;
  private YoutubeDataClient client;

  @BeforeAll
  static void startDevnet() {
    devnet = YoutubeDevnetFixture.start();
  }

  @AfterAll
  static void stopDevnet() throws Exception {
    if (devnet != null) {
      devnet.close();
    }
  }

  @BeforeEach
  void newClient() {
    governor =
        new QuotaGovernor(
            new InMemoryQuotaLedger(),
            new QuotaBudget(10_000, 500),
            Clock.systemUTC(),
            scheduler,
            100);
    client =
        new YoutubeDataClient(
            YoutubeDataClientTest.settings(devnet.endpoints()), governor, blocking);
  }

  @AfterEach
  void stop() {
    blocking.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void aPublicChannelIsFoundByHandleAndByIdWithItsUploadsPlaylist() throws Exception {
    YoutubeChannel byHandle =
        await(client.publicChannel(new ChannelLookup.ByHandle("@AliceCooks"))).orElseThrow();
    YoutubeChannel byId =
        await(client.publicChannel(new ChannelLookup.ById(byHandle.id()))).orElseThrow();

    assertThat(byHandle.title()).isEqualTo("Alice Cooks");
    assertThat(byHandle.customUrl()).isEqualTo("@alicecooks");
    assertThat(byHandle.uploadsPlaylistId()).isEqualTo("UU" + byHandle.id().substring(2));
    assertThat(byHandle.statistics().subscriberCount()).isEqualTo(1_200);
    assertThat(byId).isEqualTo(byHandle);
    assertThat(await(governor.usageToday()).sync()).isEqualTo(2);
  }

  @Test
  void unknownAndTerminatedChannelsAreEmpty() throws Exception {
    assertThat(await(client.publicChannel(new ChannelLookup.ByHandle("@nobodyhere"))))
        .isEqualTo(Optional.empty());
    assertThat(await(client.publicChannel(new ChannelLookup.ById("UC" + "x".repeat(22)))))
        .isEqualTo(Optional.empty());
    // Dave's Google account is suspended: YouTube no longer shows his channel.
    assertThat(await(client.publicChannel(new ChannelLookup.ByHandle("@davegone"))))
        .isEqualTo(Optional.empty());
  }

  @Test
  void channelPageUrlsNameAChannel() {
    String id = "UC" + "abcdefghij_-0123456789";
    assertThat(ChannelLookup.fromUrl("https://www.youtube.com/channel/" + id))
        .contains(new ChannelLookup.ById(id));
    assertThat(ChannelLookup.fromUrl("youtube.com/channel/" + id + "/"))
        .contains(new ChannelLookup.ById(id));
    assertThat(ChannelLookup.fromUrl("http://m.youtube.com/@alicecooks"))
        .contains(new ChannelLookup.ByHandle("@alicecooks"));
    assertThat(ChannelLookup.fromUrl("www.youtube.com/@alice.cooks/videos"))
        .contains(new ChannelLookup.ByHandle("@alice.cooks"));
    assertThat(ChannelLookup.fromUrl("https://youtube.com/@alicecooks?si=x"))
        .contains(new ChannelLookup.ByHandle("@alicecooks"));
  }

  @Test
  void otherTextIsNoChannelUrl() {
    assertThat(ChannelLookup.fromUrl("https://example.com/@alicecooks")).isEmpty();
    assertThat(ChannelLookup.fromUrl("https://youtube.com/watch?v=abcdefghijk")).isEmpty();
    assertThat(ChannelLookup.fromUrl("https://youtube.com/channel/UCshort")).isEmpty();
    assertThat(ChannelLookup.fromUrl("ftp://youtube.com/@alicecooks")).isEmpty();
    assertThat(ChannelLookup.fromUrl("https://youtube.com/@a")).isEmpty();
    assertThat(ChannelLookup.fromUrl("")).isEmpty();
    assertThat(ChannelLookup.fromUrl("not a url at all")).isEmpty();
    assertThatThrownBy(() -> new ChannelLookup.ById("UC123"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
