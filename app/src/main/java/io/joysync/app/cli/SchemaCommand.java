package io.joysync.app.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.joysync.app.NodeConfig;
import io.joysync.persistence.schema.CassandraSchema;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync schema print|apply}: the whole Cassandra schema of a node's configuration (its
 * keyspaces with the configured replication, every table), printed as CQL or applied to the
 * configured Cassandra, for deployments that create schemas ahead of time ({@code
 * joysync.cassandra.auto-create = false}). Every statement is {@code IF NOT EXISTS}, so applying
 * twice changes nothing. Exit codes: 0 ok, 1 error (Cassandra), 40 invalid settings (nothing
 * printed or created).
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print or apply the Cassandra schema (keyspaces and tables) of a configuration.",
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    subcommands = {SchemaCommand.Print.class, SchemaCommand.Apply.class})
public final class SchemaCommand implements Runnable {

  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Loads and checks the configuration, then works on the schema it describes. */
  abstract static class SchemaTask implements Callable<Integer> {
    @Option(
        names = "--config",
        description =
            "Configuration file or class-path resource, as for `joysync node`. Default:"
                + " application.conf (with the JOYSYNC_CASSANDRA_* environment).")
    String configName;

    @Spec CommandLine.Model.CommandSpec spec;

    abstract int run(CassandraSchema schema, List<String> statements, Config config)
        throws Exception;

    @Override
    public Integer call() throws Exception {
      Config config;
      CassandraSchema schema;
      try {
        config = CassandraSchema.configure(NodeConfig.load(configName, Map.of()));
        schema = CassandraSchema.from(config);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().flush();
        return ChannelsCommand.INVALID_INPUT;
      }
      // The journal plugin derives its tables' CQL from its settings, read through a local
      // system that logs nothing into the printed CQL.
      ActorSystem system =
          ActorSystem.create(
              "joysync-schema",
              ConfigFactory.parseString(
                      "pekko.actor.provider = local\n"
                          + "pekko.coordinated-shutdown.exit-jvm = off\n"
                          + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                          + "pekko.loggers = [\"org.apache.pekko.event.Logging$DefaultLogger\"]\n"
                          + "pekko.logging-filter = \"org.apache.pekko.event.DefaultLoggingFilter\"\n"
                          + "pekko.loglevel = OFF\n"
                          + "pekko.stdout-loglevel = OFF\n")
                  .withFallback(config));
      try {
        return run(schema, schema.statements(system), config);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Command(
      name = "print",
      mixinStandardHelpOptions = true,
      description = "Print the schema as CQL statements (for cqlsh -f).")
  static final class Print extends SchemaTask {
    @Override
    int run(CassandraSchema schema, List<String> statements, Config config) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "-- joysync Cassandra schema: keyspaces " + String.join(", ", schema.keyspaces()));
      out.println("-- replication " + schema.replication().cql());
      for (String statement : statements) {
        out.println();
        out.println(statement + ";");
      }
      out.flush();
      return ChannelsCommand.OK;
    }
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Create what is missing of the schema in the configured Cassandra (IF NOT EXISTS).")
  static final class Apply extends SchemaTask {
    @Override
    int run(CassandraSchema schema, List<String> statements, Config config) throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (CqlSession session =
          CqlSession.builder()
              .withConfigLoader(
                  DriverConfigLoaderFromConfig.fromConfig(config.getConfig("datastax-java-driver")))
              .build()) {
        for (String statement : statements) {
          session.execute(SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT));
        }
        List<String> missing =
            CassandraSchema.missing(session, statements).toCompletableFuture().get();
        if (!missing.isEmpty()) {
          err.println("After applying, Cassandra still lacks " + String.join(", ", missing));
          err.flush();
          return ChannelsCommand.ERROR;
        }
        out.println(
            "Schema applied: "
                + statements.size()
                + " statements, keyspaces "
                + String.join(", ", schema.keyspaces())
                + " with replication "
                + schema.replication().cql());
        out.flush();
        return ChannelsCommand.OK;
      } catch (RuntimeException e) {
        err.println("The schema could not be applied: " + e.getMessage());
        err.flush();
        return ChannelsCommand.ERROR;
      }
    }
  }
}
