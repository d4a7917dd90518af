package io.joysync.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code joysync kibana}: joysync's alert rules, connectors, data view and dashboard in Kibana
 * (youtube-synch's {@code scripts/create-elasticsearch-alert.sh}, extended to every rule of {@code
 * kibana/}). Exit codes as the other operator commands: 0 ok, 1 Kibana unreachable, 30 Kibana
 * refused (401 bad credentials among them), 40 invalid setting, 41 file not found, 42 invalid file.
 */
@Command(
    name = "kibana",
    mixinStandardHelpOptions = true,
    description = "joysync's alerts, connectors and dashboard in Kibana.",
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    subcommands = {KibanaApply.class})
public final class KibanaCommand implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
