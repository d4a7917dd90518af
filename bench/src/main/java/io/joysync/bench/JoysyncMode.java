package io.joysync.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.engine.joystream.ChainConnection;
import io.joysync.engine.publish.CreationResult;
import io.joysync.engine.publish.JoystreamAccountChain;
import io.joysync.engine.publish.Publisher;
import io.joysync.engine.publish.PublishingSettings;
import io.joysync.engine.publish.SignerAccount;
import io.joysync.engine.publish.VideoToCreate;
import io.joysync.joystream.orion.OrionClient;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/**
 * joysync's real publishing path on a one-node Pekko cluster: {@link Publisher#create} routes each
 * video through cluster sharding to the {@link SignerAccount} of one of the devnet's three
 * collaborator members, which batches, signs, persists and broadcasts exactly as on a node, and
 * answers at finality. Events go to Pekko's in-memory journal instead of Cassandra, each event
 * serialized (and read back) once as it is written, as a real journal would. Not the persistence
 * test kit's journal: that one deserializes and serializes every stored event of the entity again
 * on each write, so each extrinsic recorded cost more than the last (seen in this benchmark: a
 * third of the machine's CPU, and recording an extrinsic took ~0.8 s and more as the run went on),
 * which no real journal does. The accounts' chain backend is wrapped only to count what the node
 * says of each broadcast.
 */
final class JoysyncMode implements PublishingMode {
  private static final String ACCOUNTS =
      "accounts = [\n"
          + "  { member-id = 1, key-type = ed25519, key-uri = \"//Joysync//1\" }\n"
          + "  { member-id = 2, key-type = ed25519, key-uri = \"//Joysync//2\" }\n"
          + "  { member-id = 3, key-type = sr25519, key-uri = \"//Joysync//3\" }\n"
          + "]\n";

  private final ActorSystem<Void> system;
  private final ChainConnection chain;
  private final JoystreamAccountChain backend;
  private final CountingAccountChain counting;
  private final Publisher publisher;
  private final Set<String> refusalsShown = ConcurrentHashMap.newKeySet();

  private JoysyncMode(SaturationDevnet net, double blockShare) {
    Config config =
        ConfigFactory.parseString(
                "pekko.actor.provider = cluster\n"
                    + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                    + "pekko.remote.artery.canonical.port = 0\n"
                    + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                    // The node's configuration (on the class path through the app module) ends
                    // the JVM when its actor system stops; the benchmark runs three modes in one.
                    + "pekko.coordinated-shutdown.exit-jvm = off\n"
                    + "joysync.publishing {\n"
                    + ACCOUNTS
                    + "app.name = "
                    + SaturationDevnet.APP
                    + "\napp.auth-key-seed = "
                    + SaturationDevnet.APP_AUTH_KEY_SEED
                    + "\nblock-share = "
                    + blockShare
                    + "\n}\n")
            .withFallback(
                ConfigFactory.parseString(
                    "pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\"\n"
                        + "pekko.persistence.journal.inmem.test-serialization = on\n"))
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.parseResources("joysync/publishing.conf"))
            .withFallback(ConfigFactory.parseResources("joysync/serialization.conf"))
            .withFallback(ConfigFactory.parseResources("joysync/logging.conf"))
            .withFallback(ConfigFactory.load())
            .resolve();
    PublishingSettings settings = PublishingSettings.from(config);
    system = ActorSystem.create(Behaviors.empty(), "saturation", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    chain = new ChainConnection(URI.create(net.devnet.chainUrl()));
    OrionClient orion = OrionClient.create(URI.create(net.devnet.orionUrl()));
    backend = new JoystreamAccountChain(chain, orion, settings, Clock.systemUTC());
    counting = new CountingAccountChain(backend);
    // Cluster sharding keeps the first registration of an entity type, so the accounts run on the
    // counting backend and Publisher.start finds SignerAccount registered already.
    SignerAccount.init(system, settings, counting);
    publisher = Publisher.start(system, settings, chain, orion);
  }

  static JoysyncMode start(SaturationDevnet net, double blockShare) {
    return new JoysyncMode(net, blockShare);
  }

  @Override
  public CompletionStage<String> offer(VideoToCreate video) {
    return publisher
        .create(video)
        .thenApply(
            r -> {
              if (r instanceof CreationResult.Refused refused) {
                if (refusalsShown.add(refused.code())) {
                  System.err.println("first refusal " + refused.code() + ": " + refused.reason());
                }
                return refused.code();
              }
              return CREATED;
            });
  }

  @Override
  public NonceErrors nonceErrors() {
    return counting.nonceErrors();
  }

  @Override
  public int broadcasts() {
    return counting.broadcasts();
  }

  @Override
  public void measuring(boolean on) {
    counting.cycle().recording(on);
  }

  @Override
  public Optional<SigningCycle.Steps> signingCycle() {
    return Optional.of(counting.cycle().steps());
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("the actor system did not stop within 30 s: " + e);
    }
    backend.close();
    chain.close();
  }
}
