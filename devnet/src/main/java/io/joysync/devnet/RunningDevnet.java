package io.joysync.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.devnet.chain.ChainIdentity;
import io.joysync.devnet.chain.ChainNode;
import io.joysync.devnet.chain.ChainState;
import io.joysync.devnet.chain.Genesis;
import io.joysync.devnet.chain.Runtime;
import io.joysync.devnet.chain.TransactionPool;
import io.joysync.devnet.chain.rpc.JsonRpcHandler;
import io.joysync.devnet.chain.rpc.JsonRpcServer;
import io.joysync.devnet.chain.rpc.RpcMethods;
import io.joysync.devnet.colossus.ColossusServer;
import io.joysync.devnet.colossus.ColossusStore;
import io.joysync.devnet.faucet.FaucetServer;
import io.joysync.devnet.faults.AdminApi;
import io.joysync.devnet.faults.FaultSwitches;
import io.joysync.devnet.orion.Orion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;

/**
 * A started devnet: the chain node (WebSocket JSON-RPC), Orion (GraphQL), a Colossus storage node
 * and the admin API, plus any extra components, all on one actor system. {@link #close()} stops
 * everything it started.
 */
public final class RunningDevnet implements AutoCloseable {
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(20);

  private final ActorSystem<Void> system;
  private final ChainNode chain;
  private final FaultSwitches faults;
  private final JsonRpcServer rpc;
  private final ColossusServer colossus;
  private final Orion orion;
  private final AdminApi admin;
  private final FaucetServer faucet;
  private final ScheduledExecutorService scheduler;
  private final Genesis genesis;
  private final String host;
  private final int adminPort;
  private final List<DevnetComponent> components = new ArrayList<>();

  private RunningDevnet(DevnetSettings settings, ActorSystem<Void> system) throws Exception {
    Config c = settings.devnet();
    host = c.getString("host");
    this.system = system;
    ObjectMapper json = new ObjectMapper();
    faults = initialFaults(c.getConfig("faults"));
    genesis = new Genesis(c.getConfig("genesis"));
    Runtime runtime =
        new Runtime(
            new ChainState(),
            new ChainIdentity(
                ChainIdentity.SPEC_VERSION,
                ChainIdentity.TRANSACTION_VERSION,
                genesis.genesisHash()));
    genesis.apply(runtime);
    Config chainConfig = c.getConfig("chain");
    Config pool = chainConfig.getConfig("pool");
    chain =
        new ChainNode(
            runtime,
            new ChainNode.Settings(
                chainConfig.getDuration("block-interval"),
                chainConfig.getInt("finality-lag"),
                new TransactionPool.Limits(
                    pool.getInt("ready-limit"),
                    pool.getBytes("ready-bytes"),
                    pool.getInt("future-limit"),
                    pool.getBytes("future-bytes"),
                    pool.getDuration("ban-duration").toMillis()),
                chainConfig.getInt("retain-blocks")),
            faults,
            Clock.systemUTC(),
            genesis.stateRoot());
    scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "devnet-services");
              t.setDaemon(true);
              return t;
            });
    RpcMethods methods =
        new RpcMethods(json, chain, chainConfig.getString("chain-name"), metadataHex());
    rpc =
        new JsonRpcServer(
            system,
            json,
            new JsonRpcHandler(json, methods),
            chain::dropPool,
            host,
            (int) Math.min(Integer.MAX_VALUE, chainConfig.getBytes("max-request-bytes")));
    await(rpc.bind(chainConfig.getInt("port")));

    Config col = c.getConfig("colossus");
    String dataDir = col.getString("data-dir");
    Path dir = dataDir.isBlank() ? Files.createTempDirectory("devnet-colossus-") : Path.of(dataDir);
    Set<Long> buckets = new TreeSet<>();
    col.getLongList("buckets").forEach(buckets::add);
    if (buckets.isEmpty()) {
      chain.read(rt -> rt.state().allBuckets()).forEach(b -> buckets.add(b.id()));
    }
    ColossusStore store =
        new ColossusStore(chain, dir, buckets, col.getDuration("accept-delay"), scheduler);
    colossus = new ColossusServer(system, json, store, faults, host, col.getBytes("max-file-size"));
    await(colossus.bind(col.getInt("port")));

    Config or = c.getConfig("orion");
    orion =
        new Orion(
            system,
            json,
            chain,
            genesis,
            faults,
            host,
            or.getInt("lag-blocks"),
            "http://" + host + ":" + colossus.port() + "/");
    await(orion.bind(or.getInt("port")));

    faucet =
        FaucetServer.create(
            system, json, faults, host, c.getConfig("faucet"), URI.create(chainUrl()));
    await(faucet.bind(faucet.configuredPort()));

    admin = new AdminApi(json, faults, chain, rpc, orion, colossus, faucet);
    adminPort =
        await(
                Http.get(system)
                    .newServerAt(host, c.getConfig("admin").getInt("port"))
                    .bind(admin.route()))
            .localAddress()
            .getPort();
    if (faults.orionDown()) {
      await(orion.setDown(true));
    }
    if (faults.storageDown()) {
      await(colossus.setDown(true));
    }
    if (faults.faucetDown()) {
      await(faucet.setDown(true));
    }
    chain.start();
    orion.startProcessing(scheduler, or.getDuration("poll-interval").toMillis());
    for (DevnetComponent.Factory f : settings.components()) {
      components.add(f.start(system, settings.config(), this));
    }
  }

  /** Starts everything; if any part fails to start, what was started is stopped again. */
  static RunningDevnet start(DevnetSettings settings) throws Exception {
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "devnet",
            ConfigFactory.parseString(
                    "pekko.loglevel = WARNING\npekko.http.server.idle-timeout = infinite")
                .withFallback(settings.config())
                // Library defaults only: a node's application.conf (cluster, remoting) must not
                // leak into the devnet when both share a class path.
                .withFallback(ConfigFactory.defaultReference()));
    try {
      return new RunningDevnet(settings, system);
    } catch (Exception | Error e) {
      system.terminate();
      throw e;
    }
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static FaultSwitches initialFaults(Config f) {
    FaultSwitches s = new FaultSwitches();
    s.setDropExtrinsics(f.getBoolean("drop-extrinsics"), f.getBoolean("announce-drops"));
    s.setExtrinsicDelay(f.getDuration("extrinsic-delay"));
    String invalid = f.getString("answer-invalid");
    s.setAnswerInvalid(invalid.isBlank() ? Optional.empty() : Optional.of(invalid));
    s.setStallFinality(f.getBoolean("stall-finality"));
    s.setStallInclusion(f.getBoolean("stall-inclusion"));
    s.setOrionExtraLag(f.getInt("orion-extra-lag"));
    s.setOrionDown(f.getBoolean("orion-down"));
    s.setStorageDown(f.getBoolean("storage-down"));
    s.setStorageDelay(f.getDuration("storage-delay"));
    s.setStorageErrors(f.getBoolean("storage-errors"));
    s.setFaucetDown(f.getBoolean("faucet-down"));
    s.setFaucetErrors(f.getBoolean("faucet-errors"));
    s.setFaucetAnswerLost(f.getBoolean("faucet-answer-lost"));
    return s;
  }

  /** The runtime metadata served by state_getMetadata (Joystream spec 2004, V14). */
  static String metadataHex() {
    try (InputStream in = RunningDevnet.class.getResourceAsStream("/joystream-metadata-v14.hex")) {
      if (in == null) {
        throw new IllegalStateException("joystream-metadata-v14.hex is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String chainUrl() {
    return "ws://" + host + ":" + rpc.port();
  }

  public String chainHttpUrl() {
    return "http://" + host + ":" + rpc.port();
  }

  public String orionUrl() {
    return "http://" + host + ":" + orion.port() + "/graphql";
  }

  /** The storage node endpoint as operators publish it; the API is under {@code api/v1}. */
  public String colossusUrl() {
    return "http://" + host + ":" + colossus.port() + "/";
  }

  public String colossusApiUrl() {
    return colossusUrl() + "api/v1";
  }

  /** The membership faucet's register endpoint ({@code POST}, captcha-bypass bearer key). */
  public String faucetUrl() {
    return "http://" + host + ":" + faucet.port() + "/register";
  }

  public FaucetServer faucet() {
    return faucet;
  }

  public String adminUrl() {
    return "http://" + host + ":" + adminPort;
  }

  public String genesisHash() {
    return chain.genesisHashHex();
  }

  public ChainNode chain() {
    return chain;
  }

  public FaultSwitches faults() {
    return faults;
  }

  public Orion orion() {
    return orion;
  }

  public ColossusServer colossus() {
    return colossus;
  }

  public JsonRpcServer rpc() {
    return rpc;
  }

  public AdminApi admin() {
    return admin;
  }

  public Genesis genesis() {
    return genesis;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Every endpoint by name, in a stable order (for printing). */
  public Map<String, String> endpoints() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("chain (JSON-RPC over WebSocket)", chainUrl());
    out.put("orion (GraphQL)", orionUrl());
    out.put("colossus (storage node)", colossusApiUrl());
    out.put("faucet (membership register)", faucetUrl());
    out.put("admin (faults)", adminUrl());
    components.forEach(c -> out.putAll(c.endpoints()));
    return out;
  }

  @Override
  public void close() {
    for (DevnetComponent c : components) {
      c.close();
    }
    chain.close();
    scheduler.shutdownNow();
    rpc.close();
    colossus.close();
    faucet.close();
    orion.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }
}
