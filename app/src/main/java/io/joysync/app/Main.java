package io.joysync.app;

import io.joysync.app.cli.ChannelsCommand;
import io.joysync.app.cli.ClusterCommand;
import io.joysync.app.cli.KibanaCommand;
import io.joysync.app.cli.SchemaCommand;
import io.joysync.app.cli.SyncCommand;
import io.joysync.app.cli.VideosCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code joysync} command line. */
@Command(
    name = "joysync",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Replicates YouTube channels onto the Joystream blockchain.",
    subcommands = {
      NodeCommand.class,
      ChannelsCommand.class,
      SyncCommand.class,
      VideosCommand.class,
      ClusterCommand.class,
      SchemaCommand.class,
      KibanaCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    ProcessLogging.installShutdownHook();
    int exit = new CommandLine(new Main()).execute(args);
    // Every command has finished its work here (a node has terminated). The process ends now, even
    // if a library left a thread running (the Elasticsearch client's I/O threads, when log lines
    // are shipped): the shutdown hook stops logging, so the last lines are shipped or spooled.
    System.exit(exit);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"joysync " + io.joysync.http.StatusRoutes.version()};
    }
  }
}
