package io.joysync.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A {@code joysync} command run in this JVM: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    CommandLine cli = new CommandLine(new Main());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
