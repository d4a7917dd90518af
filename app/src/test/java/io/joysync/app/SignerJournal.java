package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.joysync.devnet.RunningDevnet;
import io.joysync.engine.publish.AssetFacts;
import io.joysync.engine.publish.SignerAccount;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.joystream.content.ContentId;
import io.joysync.joystream.content.VideoFacts;
import io.joysync.joystream.content.YoutubeLicense;
import io.joysync.joystream.crypto.Blake2b;
import io.joysync.joystream.keys.AccountId;
import io.joysync.joystream.keys.KeyPair;
import io.joysync.joystream.keys.KeyType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * What a signer account wrote to its journal in Cassandra, read back through the node's read
 * journal, and the checks the crash and upgrade tests make of it: every nonce the account settled
 * landed once and in a row up to the chain's account nonce.
 */
final class SignerJournal {
  /** The key of the devnet's collaborator member 1, the account the test nodes sign with. */
  static final KeyPair MEMBER_1 = KeyPair.fromUri(KeyType.ED25519, "//Joysync//1");

  private SignerJournal() {}

  /** Every event of the account of {@code memberId}, in order. */
  static List<Object> events(ActorSystem<?> system, long memberId) throws Exception {
    CassandraReadJournal journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    List<EventEnvelope> envelopes =
        journal
            .currentEventsByPersistenceId("SignerAccount|" + memberId, 0, Long.MAX_VALUE)
            .runWith(Sink.seq(), system)
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
    List<Object> out = new ArrayList<>();
    envelopes.forEach(e -> out.add(e.event()));
    return out;
  }

  /** The extrinsics recorded before broadcast, in order (a nonce signed again shows twice). */
  static List<SignedSummary> signed(List<Object> events) {
    List<SignedSummary> out = new ArrayList<>();
    for (Object e : events) {
      if (e instanceof SignerAccount.ExtrinsicSigned s) {
        out.add(
            new SignedSummary(
                s.batch().nonce(),
                s.batch().specVersion(),
                s.batch().items().stream()
                    .map(i -> i.video() == null ? i.update().ytVideoId() : i.video().ytVideoId())
                    .toList()));
      }
    }
    return out;
  }

  /** One recorded extrinsic: its nonce, the runtime it was signed for and its videos. */
  record SignedSummary(long nonce, long specVersion, List<String> videos) {}

  /** Why each expired nonce could never land, by nonce (the last reason when several). */
  static Map<Long, String> expired(List<Object> events) {
    Map<Long, String> out = new TreeMap<>();
    for (Object e : events) {
      if (e instanceof SignerAccount.ExtrinsicExpired x) {
        out.put(x.nonce(), x.reason());
      }
    }
    return out;
  }

  /**
   * Every nonce the account settled landed exactly once, one after the other from its first, no
   * extrinsic lost its nonce to another writer, and the chain's account nonce is the one after the
   * last: no gap, no nonce used twice.
   */
  static void assertNoNonceGap(List<Object> events, RunningDevnet devnet) {
    List<Long> settled = new ArrayList<>();
    for (Object e : events) {
      if (e instanceof SignerAccount.ExtrinsicSettled s) {
        settled.add(s.nonce());
      }
      assertThat(e).isNotInstanceOf(SignerAccount.NonceTakenElsewhere.class);
    }
    assertThat(settled).isNotEmpty().doesNotHaveDuplicates();
    List<Long> sorted = new ArrayList<>(settled);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i)).as("settled nonces %s", sorted).isEqualTo(sorted.get(i - 1) + 1);
    }
    long chainNonce =
        devnet.chain().read(rt -> rt.state().account(new AccountId(MEMBER_1.publicKey())).nonce());
    assertThat(chainNonce).isEqualTo(sorted.get(sorted.size() - 1) + 1);
  }

  /** A video to create in a Joystream channel, with a fresh YouTube id. */
  static VideoToCreate freshVideo(long channelId) {
    String id = "yt-" + UUID.randomUUID().toString().substring(0, 8);
    VideoFacts facts =
        new VideoFacts(
            id,
            "Video " + id,
            "A video created by joysync's signer tests",
            61,
            1280,
            720,
            "h264",
            "mp4",
            "en",
            "1",
            YoutubeLicense.STANDARD,
            Instant.parse("2024-05-01T10:00:00Z"),
            false,
            0,
            1);
    return new VideoToCreate(
        id,
        channelId,
        facts,
        new AssetFacts(1_000_000, contentId(id + "/media")),
        new AssetFacts(12_345, contentId(id + "/thumbnail")));
  }

  private static String contentId(String seed) {
    return ContentId.fromDigest(Blake2b.hash256(seed.getBytes(StandardCharsets.UTF_8))).value();
  }

  /** Generous for creations answered at finality on a loaded machine. */
  static final Duration ANSWER_WITHIN = Duration.ofMinutes(4);
}
