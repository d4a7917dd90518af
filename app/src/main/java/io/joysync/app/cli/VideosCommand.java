package io.joysync.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code joysync videos}: commands about single videos. */
@Command(
    name = "videos",
    mixinStandardHelpOptions = true,
    description = "Commands about single videos.",
    subcommands = {VideosTestDownload.class, VideosCleanup.class})
public final class VideosCommand implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
