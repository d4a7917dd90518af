package io.joysync.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code joysync channels}: operator commands that talk to a running node's HTTP API
 * (youtube-synch's {@code sync:addUnauthorizedChannelForSyncing}, {@code
 * sync:syncMultipleUnauthorizedChannels} and {@code stats:channels}). Exit codes are
 * youtube-synch's: 0 ok, 1 error, 30 HTTP API error, 40 invalid input, 41 file not found, 42
 * invalid file.
 */
@Command(
    name = "channels",
    mixinStandardHelpOptions = true,
    description = "Operator commands on channels, through a node's HTTP API.",
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    subcommands = {ChannelsAddUnauthorized.class, ChannelsStats.class})
public final class ChannelsCommand implements Runnable {

  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int HTTP_API_ERROR = 30;
  public static final int INVALID_INPUT = 40;
  public static final int FILE_NOT_FOUND = 41;
  public static final int INVALID_FILE = 42;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A run that must stop with an exit code and a sentence for the operator. */
  static final class Stop extends Exception {
    private final int exitCode;

    Stop(int exitCode, String message) {
      super(message, null, false, false);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }
}
