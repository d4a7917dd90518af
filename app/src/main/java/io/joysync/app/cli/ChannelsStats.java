package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync channels stats}: the channels signed up in a range of UTC days, from {@code GET
 * /channels/stats}: counts by YPP status, then one line per channel with its YouTube URL, its
 * Joystream channel (as a link into the given app's domain when one is named) and its referrer.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    description = "Channels signed up from --from (included) to --to (excluded), UTC days.")
final class ChannelsStats implements Callable<Integer> {

  @Mixin ChannelsApiOptions api;

  @Option(names = "--from", required = true, description = "First day, YYYY-MM-DD (included).")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last day, YYYY-MM-DD (excluded).")
  LocalDate to;

  @Option(
      names = {"-d", "--app-domain"},
      description = "Show Joystream channels as https://<domain>/channel/<id>.")
  String appDomain;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!to.isAfter(from)) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_INPUT, "--to must be a later day than --from");
      }
      if (appDomain != null && !appDomain.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_INPUT,
            "--app-domain must be a domain name such as example.com");
      }
      ChannelsApi.Answer answer = api.connect().get("channels/stats?from=" + from + "&to=" + to);
      if (!answer.ok() || answer.body() == null) {
        err.println(answer.problem());
        return ChannelsCommand.HTTP_API_ERROR;
      }
      print(answer.body(), out);
      return ChannelsCommand.OK;
    } catch (ChannelsCommand.Stop stop) {
      err.println(stop.getMessage());
      return stop.exitCode();
    }
  }

  private void print(JsonNode stats, PrintWriter out) {
    out.printf(
        "Channels signed up from %s to %s (excluded): %d%s%n",
        from,
        to,
        stats.path("total").asInt(),
        stats.path("truncated").asBoolean() ? " (the API lists at most this many)" : "");
    for (Iterator<Map.Entry<String, JsonNode>> it = stats.path("byStatus").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> status = it.next();
      out.printf("  %-20s %d%n", status.getKey(), status.getValue().asInt());
    }
    for (JsonNode c : stats.path("channels")) {
      long id = c.path("joystreamChannelId").asLong();
      String joystream =
          appDomain == null ? Long.toString(id) : "https://" + appDomain + "/channel/" + id;
      JsonNode referrer = c.path("referrerChannelId");
      out.printf(
          "%s  %s  referrer %s%n",
          c.path("youtubeUrl").asText(), joystream, referrer.isNumber() ? referrer.asText() : "-");
    }
    out.flush();
  }
}
