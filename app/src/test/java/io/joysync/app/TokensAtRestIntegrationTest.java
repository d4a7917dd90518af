package io.joysync.app;

import static io.joysync.app.Atlas.postChannel;
import static io.joysync.app.Atlas.postUser;
import static io.joysync.app.TestNodes.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.joysync.devnet.youtube.DevnetSeed;
import io.joysync.devnet.youtube.YoutubeDevnet;
import io.joysync.engine.channel.TokenCipher;
import io.joysync.harness.Needs;
import io.joysync.harness.Service;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Owner OAuth tokens never rest in plaintext. After a real sign-up through the YouTube devnet's
 * OAuth, every row of every table the node wrote (journal with its tag views, snapshots, offsets,
 * the read side) is read straight from Cassandra and searched for the tokens the devnet issued - as
 * UTF-8, Base64 (any alignment, standard and URL-safe) and hex - and so are the node's log files,
 * which must not hold the authorization code either. So that an empty read cannot pass, the journal
 * and the snapshot must hold the encrypted tokens and they must decrypt, with the node's key, to
 * exactly the tokens the devnet issued.
 */
@Needs(Service.CASSANDRA)
class TokensAtRestIntegrationTest {

  private static final Duration READ_SIDE_LAG = Duration.ofSeconds(60);

  /** ChannelEntity snapshots every 100 events; enough verifications to make it write one. */
  private static final int VERIFICATIONS = 101;

  private static final CBORMapper CBOR = new CBORMapper();

  private ForkedNode.Launch launch;

  @AfterEach
  void dropKeyspaces() {
    if (launch != null) {
      launch.dropKeyspaces();
    }
  }

  /** What one sign-up left behind: the ids, and the secrets that must not be found. */
  private record SignedUp(String userId, String channelId, Set<String> tokens, String code) {}

  @Test
  void ownerTokensRestOnlyEncryptedAndNoLogHoldsThemOrTheCode() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String base64Key = Base64.getEncoder().encodeToString(key);
    SignedUp signedUp;
    try (CqlSession cassandra = ForkedNode.cassandraSession();
        Devnets devnets = Devnets.start()) {
      launch =
          AtlasRestartIntegrationTest.atlasReady(ForkedNode.Launch.fresh("tokens"), devnets)
              .withEnvironment(Map.of("JOYSYNC_TOKEN_KEY", base64Key));
      signedUp = signUpUntilSnapshot(cassandra, devnets.youtube);

      Map<String, String> secrets = secrets(signedUp, base64Key);
      String prefix = launch.keyspacePrefix();
      Map<String, Integer> rows = new LinkedHashMap<>();
      List<String> findings = new ArrayList<>();
      List<String> control = new ArrayList<>();
      for (String table : tablesOf(cassandra, prefix)) {
        rows.put(table, scan(cassandra, table, secrets, findings));
        scan(cassandra, table, Map.of(signedUp.channelId(), "the channel id"), control);
      }
      assertThat(findings).as("secrets at rest (rows per table: %s)", rows).isEmpty();
      assertThat(rows).containsKeys(prefix + "_journal.messages", prefix + "_snapshot.snapshots");
      assertThat(rows.get(prefix + "_journal.messages")).isGreaterThan(VERIFICATIONS);
      assertThat(rows.get(prefix + "_snapshot.snapshots")).isPositive();
      assertThat(control)
          .as("the same search finds what is stored in plain (the channel id)")
          .anyMatch(f -> f.startsWith(prefix + "_journal.messages."))
          .anyMatch(f -> f.startsWith(prefix + "_read."));

      TokenCipher cipher = new TokenCipher("1", Map.of("1", base64Key));
      String channelPid = "Channel|" + signedUp.channelId();
      String userPid = "User|" + signedUp.userId();
      assertThat(decrypted(journal(cassandra, prefix, channelPid), cipher, signedUp.channelId()))
          .as("the channel's events decrypt to the tokens the devnet issued")
          .hasSize(2)
          .isSubsetOf(signedUp.tokens());
      assertThat(
              decrypted(journal(cassandra, prefix, userPid), cipher, "user:" + signedUp.userId()))
          .as("the user's events decrypt to the tokens the devnet issued")
          .hasSize(2)
          .isSubsetOf(signedUp.tokens());
      assertThat(decrypted(snapshots(cassandra, prefix, channelPid), cipher, signedUp.channelId()))
          .as("the channel's snapshot decrypts to the tokens the devnet issued")
          .hasSize(2)
          .isSubsetOf(signedUp.tokens());
    }

    String logs = logs(launch.logDir());
    Map<String, String> secrets = secrets(signedUp, base64Key);
    List<String> logged = new ArrayList<>();
    secrets.forEach(
        (secret, what) ->
            forms(secret, true)
                .forEach(
                    (form, value) -> {
                      if (logs.contains(value)) {
                        logged.add(what + " as " + form);
                      }
                    }));
    assertThat(logged).as("secrets in the node's logs").isEmpty();
    for (String line : List.of("POST /users -> 201", "POST /channels -> 400", "<redacted>")) {
      assertThat(logs.contains(line)).as("the logs show %s", line).isTrue();
    }
  }

  /** Every secret that must not be found, with what it is (for messages without the secret). */
  private static Map<String, String> secrets(SignedUp signedUp, String tokenKey) {
    Map<String, String> secrets = new LinkedHashMap<>();
    signedUp.tokens().forEach(t -> secrets.put(t, "an owner token"));
    secrets.put(signedUp.code(), "the authorization code");
    secrets.put(tokenKey, "the token key");
    return secrets;
  }

  /**
   * Signs Alice up as Atlas does (with one refused attempt whose body the request log writes),
   * verifies her channel often enough for a snapshot, stops the node (flushing its logs) and asks
   * the devnet which tokens it issued to her.
   */
  private SignedUp signUpUntilSnapshot(CqlSession cassandra, YoutubeDevnet.Running youtube)
      throws Exception {
    String code = Atlas.code(youtube, DevnetSeed.ALICE);
    String userId;
    String channelId;
    try (ForkedNode node = launch.start()) {
      ApiClient.Reply user = postUser(node.api(), code);
      assertThat(user.status()).as(user.body()).isEqualTo(201);
      userId = user.json().get("userId").asText();
      ApiClient.Reply refused = postChannel(node.api(), code, userId, 999_999);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      ApiClient.Reply joined = postChannel(node.api(), code, userId, 1);
      assertThat(joined.status()).as(joined.body()).isEqualTo(201);
      channelId = joined.json().get("channel").get("youtubeChannelId").asText();

      // Operators address channels by their Joystream id, which the read side resolves.
      node.api().await("/channels/1", r -> r.status() == 200, READ_SIDE_LAG);
      ApiClient.Reply verified =
          node.api().send("PUT", "/channels/verify", verifications(), OPERATOR_KEY);
      assertThat(verified.status()).as(verified.body()).isEqualTo(200);
      node.api()
          .await(
              "/channels/1",
              r ->
                  r.status() == 200
                      && r.json().get("yppStatus").asText().equals("Verified::Bronze"),
              READ_SIDE_LAG);
      awaitSnapshot(cassandra, launch.keyspacePrefix(), "Channel|" + channelId);
      // The search below reads the read side's tables too: wait until the read side has written
      // the channel as it is now (GET /channels lists from it), before the node stops.
      String youtubeChannelId = channelId;
      node.api()
          .await(
              "/channels",
              r ->
                  r.status() == 200
                      && r.json().findParents("youtubeChannelId").stream()
                          .anyMatch(
                              c ->
                                  c.get("youtubeChannelId").asText().equals(youtubeChannelId)
                                      && c.get("yppStatus").asText().equals("Verified::Bronze")),
              READ_SIDE_LAG);
      node.stop();
    }
    JsonNode issued =
        new ApiClient(youtube.baseUrl())
            .send("GET", "/admin/oauth/tokens?account=" + DevnetSeed.ALICE, null, null)
            .json();
    assertThat(issued.get("accessTokens")).as("access tokens issued").isNotEmpty();
    assertThat(issued.get("refreshTokens")).as("refresh tokens issued").isNotEmpty();
    Set<String> tokens = new TreeSet<>();
    issued.get("accessTokens").forEach(t -> tokens.add(t.asText()));
    issued.get("refreshTokens").forEach(t -> tokens.add(t.asText()));
    return new SignedUp(userId, channelId, tokens, code);
  }

  @Test
  void theSearchFindsASecretInEveryEncodingItLooksFor() {
    String secret = "1//devnet0a1b2c";
    Map<String, String> forms = forms(secret, false);
    for (String before : List.of("", "x", "xy")) {
      byte[] around = (before + secret + "z").getBytes(StandardCharsets.UTF_8);
      assertThat(forms.values())
          .as("found after %d bytes", before.length())
          .anyMatch(Base64.getEncoder().encodeToString(around)::contains)
          .anyMatch(Base64.getUrlEncoder().encodeToString(around)::contains)
          .anyMatch(HexFormat.of().formatHex(around)::contains);
    }
    assertThat(forms(secret, true)).containsValue("1\\/\\/devnet0a1b2c");
  }

  /** One operator request verifying the channel often enough to make its entity snapshot. */
  private static String verifications() {
    StringBuilder tiers = new StringBuilder("[");
    for (int i = 0; i < VERIFICATIONS; i++) {
      tiers.append(i == 0 ? "" : ",");
      tiers.append("{\"joystreamChannelId\":1,\"tier\":\"");
      tiers.append(i % 2 == 0 ? "Bronze" : "Silver").append("\"}");
    }
    return tiers.append("]").toString();
  }

  /**
   * What a secret looks like stored in each way this test looks for: UTF-8 (also the form inside
   * CBOR or JSON text), hex in both cases, and Base64 standard and URL-safe at each of the three
   * byte alignments it can have inside a longer encoded value (only the characters that depend on
   * the secret alone). For text such as logs, also JSON-escaped and URL-encoded.
   */
  static Map<String, String> forms(String secret, boolean text) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("UTF-8", secret);
    forms.put("hex", HexFormat.of().formatHex(bytes));
    forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      String all = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      String own = all.substring((8 * shift + 5) / 6, 8 * shifted.length / 6);
      forms.put("Base64 at offset " + shift, own);
      forms.put("URL-safe Base64 at offset " + shift, own.replace('+', '-').replace('/', '_'));
    }
    if (text) {
      forms.put("JSON-escaped", secret.replace("/", "\\/"));
      forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
    return forms;
  }

  /** Every table of every keyspace the node created, as {@code keyspace.table}. */
  private static List<String> tablesOf(CqlSession cassandra, String prefix) {
    List<String> tables = new ArrayList<>();
    for (Row r : cassandra.execute("SELECT keyspace_name, table_name FROM system_schema.tables")) {
      if (r.getString("keyspace_name").startsWith(prefix + "_")) {
        tables.add(r.getString("keyspace_name") + "." + r.getString("table_name"));
      }
    }
    tables.sort(null);
    return tables;
  }

  /**
   * Reads every row of {@code table}, every column as stored (collections, blobs and text alike),
   * adds a finding for each secret found in any of its {@link #forms}; returns the number of rows.
   */
  private static int scan(
      CqlSession cassandra, String table, Map<String, String> secrets, List<String> findings) {
    Map<String, Map<String, String>> formsOf = new LinkedHashMap<>();
    secrets.keySet().forEach(s -> formsOf.put(s, forms(s, false)));
    int count = 0;
    for (Row row :
        cassandra.execute(SimpleStatement.newInstance("SELECT * FROM " + table).setPageSize(500))) {
      count++;
      for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
        ByteBuffer raw = row.getBytesUnsafe(i);
        if (raw == null) {
          continue;
        }
        String stored = new String(bytes(raw), StandardCharsets.ISO_8859_1);
        String where = table + "." + row.getColumnDefinitions().get(i).getName().asInternal();
        for (Map.Entry<String, Map<String, String>> secret : formsOf.entrySet()) {
          for (Map.Entry<String, String> form : secret.getValue().entrySet()) {
            if (stored.contains(form.getValue())) {
              findings.add(
                  where + " holds " + secrets.get(secret.getKey()) + " as " + form.getKey());
            }
          }
        }
      }
    }
    return count;
  }

  private static List<byte[]> journal(CqlSession cassandra, String prefix, String persistenceId) {
    List<byte[]> events = new ArrayList<>();
    for (Row r :
        cassandra.execute(
            SimpleStatement.newInstance(
                "SELECT event FROM "
                    + prefix
                    + "_journal.messages"
                    + " WHERE persistence_id = ? AND partition_nr = 0",
                persistenceId))) {
      events.add(bytes(r.getByteBuffer("event")));
    }
    assertThat(events).as("journal rows of %s", persistenceId).isNotEmpty();
    return events;
  }

  private static List<byte[]> snapshots(CqlSession cassandra, String prefix, String persistenceId) {
    List<byte[]> snapshots = new ArrayList<>();
    for (Row r :
        cassandra.execute(
            SimpleStatement.newInstance(
                "SELECT snapshot_data FROM "
                    + prefix
                    + "_snapshot.snapshots"
                    + " WHERE persistence_id = ?",
                persistenceId))) {
      if (r.getByteBuffer("snapshot_data") != null) {
        snapshots.add(bytes(r.getByteBuffer("snapshot_data")));
      }
    }
    assertThat(snapshots).as("snapshots of %s", persistenceId).isNotEmpty();
    return snapshots;
  }

  private static void awaitSnapshot(CqlSession cassandra, String prefix, String persistenceId) {
    String query =
        "SELECT sequence_nr FROM " + prefix + "_snapshot.snapshots WHERE persistence_id = ?";
    Awaitility.await("a snapshot of " + persistenceId)
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        // the snapshot store creates its table with the first snapshot
        .ignoreException(InvalidQueryException.class)
        .until(
            () ->
                cassandra.execute(SimpleStatement.newInstance(query, persistenceId)).one() != null);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /**
   * Decodes stored CBOR payloads, finds every encrypted token in them ({@code keyId}, {@code
   * nonce}, {@code ciphertext}) and decrypts it with the node's key, bound to {@code aad}.
   */
  private static Set<String> decrypted(List<byte[]> payloads, TokenCipher cipher, String aad) {
    Set<String> plaintexts = new TreeSet<>();
    for (byte[] payload : payloads) {
      try {
        collect(CBOR.readTree(payload), cipher, aad, plaintexts);
      } catch (IOException e) {
        throw new UncheckedIOException("not CBOR", e);
      }
    }
    return plaintexts;
  }

  private static void collect(JsonNode node, TokenCipher cipher, String aad, Set<String> out)
      throws IOException {
    if (node.has("keyId") && node.has("nonce") && node.has("ciphertext")) {
      out.add(
          cipher.decrypt(
              aad,
              new TokenCipher.EncryptedToken(
                  node.get("keyId").asText(),
                  node.get("nonce").binaryValue(),
                  node.get("ciphertext").binaryValue())));
      return;
    }
    for (JsonNode child : node) {
      collect(child, cipher, aad, out);
    }
  }

  /** Every file the node logged to, gzipped archives included, as one text. */
  private static String logs(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.toString().endsWith(".gz")) {
          try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            bytes = in.readAllBytes();
          }
        }
        all.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
      }
    }
    assertThat(all).as("log files in %s", dir).isNotEmpty();
    return all.toString();
  }
}
