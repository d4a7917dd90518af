package io.joysync.app;

import com.typesafe.config.Config;
import io.joysync.app.cli.ChannelsCommand;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code joysync node}: runs one joysync node until it is stopped (Ctrl-C or SIGTERM). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a joysync node until Ctrl-C or SIGTERM.")
public final class NodeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(NodeCommand.class);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      description =
          "Configuration file or class-path resource (e.g. local1.conf for node 1 of a three-node"
              + " cluster on one machine). Default: application.conf.")
  String configName;

  @Option(names = "--http-port", description = "HTTP API port (default 3001).")
  Integer httpPort;

  @Option(names = "--management-port", description = "Pekko Management port (default 8558).")
  Integer managementPort;

  @Option(names = "--remote-port", description = "Cluster remoting port (default 25520).")
  Integer remotePort;

  /** Why a node that could not start shuts down: its process ends with status 1. */
  enum StartFailed implements CoordinatedShutdown.Reason {
    INSTANCE;

    @Override
    public String toString() {
      return "the node could not start";
    }
  }

  @Override
  public Integer call() throws Exception {
    Node.Running node;
    try {
      Config config =
          NodeConfig.load(
              configName, NodeConfig.portOverrides(httpPort, managementPort, remotePort));
      node = Node.start(config);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      spec.commandLine().getErr().flush();
      return ChannelsCommand.INVALID_INPUT;
    }
    ActorSystem<Void> system = node.system();
    ProcessLogging.lastsAsLongAs(system);
    try {
      Node.Endpoints endpoints = node.endpoints().toCompletableFuture().get(120, TimeUnit.SECONDS);
      System.out.println();
      System.out.println("joysync node is up");
      endpoints
          .api()
          .ifPresentOrElse(
              address -> {
                String http = "http://" + address.getHostString() + ":" + address.getPort();
                System.out.println("  HTTP API        " + http + "   (GET " + http + "/status)");
              },
              () -> System.out.println("  HTTP API        none (this node has no api role)"));
      System.out.println(
          "  management      " + endpoints.management() + "   (/ready, /alive, /cluster/members)");
      System.out.println("  Stop with Ctrl-C.");
      System.out.println();
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      log.error(
          "The node could not start: {}",
          cause instanceof TimeoutException
              ? "it was not up within 120 s (the lines above say what it waited for)"
              : cause.toString());
      CoordinatedShutdown.get(system).run(StartFailed.INSTANCE);
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return 1;
    }
    system.getWhenTerminated().toCompletableFuture().get();
    return 0;
  }
}
