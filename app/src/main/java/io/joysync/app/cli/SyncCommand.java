package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync sync status|pause|resume}: the pipeline of a running cluster, through a node's
 * HTTP API ({@code GET /sync}, {@code PUT /sync/pause}, {@code PUT /sync/resume}). Exit codes as
 * the {@code channels} commands: 0 ok, 1 error, 30 API error, 40 invalid input.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Watch, pause and resume the sync pipeline, through a node's HTTP API.",
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    subcommands = {SyncCommand.Status.class, SyncCommand.Pause.class, SyncCommand.Resume.class})
public final class SyncCommand implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs one API call and prints its answer, or the problem with its exit code. */
  abstract static class ApiCall implements Callable<Integer> {
    @Mixin ChannelsApiOptions api;
    @Spec CommandLine.Model.CommandSpec spec;

    abstract ChannelsApi.Answer send(ChannelsApi api) throws ChannelsCommand.Stop;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        ChannelsApi connected = api.connect();
        ChannelsApi.Answer answer = send(connected);
        if (!answer.ok() || answer.body() == null) {
          err.println(answer.problem());
          return ChannelsCommand.HTTP_API_ERROR;
        }
        return print(connected, answer.body(), out);
      } catch (ChannelsCommand.Stop stop) {
        err.println(stop.getMessage());
        return stop.exitCode();
      }
    }

    int print(ChannelsApi api, JsonNode body, PrintWriter out) throws ChannelsCommand.Stop {
      out.println(switchLine(body));
      out.flush();
      return ChannelsCommand.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The pipeline: paused or running, videos by state, backlog, throughput.")
  static final class Status extends ApiCall {
    @Option(
        names = "--watch",
        description = "Refresh every this many seconds until interrupted (Ctrl-C).")
    Integer watchSeconds;

    @Override
    ChannelsApi.Answer send(ChannelsApi api) throws ChannelsCommand.Stop {
      if (watchSeconds != null && (watchSeconds < 1 || watchSeconds > 3600)) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_INPUT, "--watch takes 1 to 3600 seconds");
      }
      return api.get("sync");
    }

    @Override
    int print(ChannelsApi api, JsonNode body, PrintWriter out) throws ChannelsCommand.Stop {
      JsonNode view = body;
      while (true) {
        if (watchSeconds != null) {
          out.print("\033[H\033[2J");
        }
        out.print(render(view));
        out.flush();
        if (watchSeconds == null) {
          return ChannelsCommand.OK;
        }
        LockSupport.parkNanos(Duration.ofSeconds(watchSeconds).toNanos());
        if (Thread.currentThread().isInterrupted()) {
          return ChannelsCommand.OK;
        }
        ChannelsApi.Answer next = api.get("sync");
        if (!next.ok() || next.body() == null) {
          throw new ChannelsCommand.Stop(ChannelsCommand.HTTP_API_ERROR, next.problem());
        }
        view = next.body();
      }
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause the pipeline: no new video is taken up until it is resumed.")
  static final class Pause extends ApiCall {
    @Option(names = "--reason", description = "Why, for the other operators.")
    String reason;

    @Override
    ChannelsApi.Answer send(ChannelsApi api) throws ChannelsCommand.Stop {
      ObjectNode body = ChannelsApi.JSON.createObjectNode();
      if (reason != null) {
        body.put("reason", reason);
      }
      return api.put("sync/pause", body);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume the pipeline.")
  static final class Resume extends ApiCall {
    @Override
    ChannelsApi.Answer send(ChannelsApi api) throws ChannelsCommand.Stop {
      return api.put("sync/resume", ChannelsApi.JSON.createObjectNode());
    }
  }

  static String switchLine(JsonNode view) {
    return view.path("paused").asBoolean()
        ? "Pipeline PAUSED since "
            + view.path("since").asText("?")
            + " ("
            + view.path("reason").asText("")
            + ")"
        : "Pipeline running";
  }

  /** The status as text, with a bar per state scaled to the largest. */
  static String render(JsonNode view) {
    StringBuilder s = new StringBuilder(switchLine(view)).append('\n');
    s.append(
        String.format(
            "Backlog: %d videos not yet on Joystream; %d reached Joystream in the last hour%n",
            view.path("backlog").asLong(), view.path("uploadedLastHour").asLong()));
    JsonNode states = view.path("videosByState");
    long max = 1;
    for (JsonNode n : states) {
      max = Math.max(max, n.asLong());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int width = (int) Math.round(30.0 * e.getValue().asLong() / max);
      s.append(
          String.format(
              "  %-34s %s%s %d%n",
              e.getKey(), "#".repeat(width), ".".repeat(30 - width), e.getValue().asLong()));
    }
    return s.toString();
  }
}
