package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync videos cleanup}: youtube-synch's {@code queueCleanup} against a running node
 * ({@code POST /videos/cleanup/dry-run}, {@code /apply}). Without {@code --dry-run} or {@code
 * --yes} it shows what the clean-up would do and what it cost in quota, then asks before applying.
 * {@code --backup} writes the videos settled (or, with {@code --dry-run}, to be settled) with what
 * YouTube said of them to a new JSON file; the path is checked before anything is asked of the
 * node. Exit codes: 0 ok (also when the operator declines), 1 error, 30 API error, 40 invalid
 * input, 41 the backup's folder not found, 42 the backup file cannot be written.
 */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    description =
        "Settle the waiting videos YouTube no longer lets be synced (removed, private, live, too"
            + " long, ...), as VideoUnavailable; report the rest.")
final class VideosCleanup implements Callable<Integer> {

  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  @Mixin ChannelsApiOptions api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--channel",
      description = "Only this channel: its YouTube channel id or its Joystream channel id.")
  String channel;

  @Option(names = "--dry-run", description = "Only report what would be done (costs quota).")
  boolean dryRun;

  @Option(names = "--yes", description = "Apply without asking.")
  boolean yes;

  @Option(names = "--backup", description = "Write the settled videos to this new JSON file.")
  Path backup;

  /** Where the operator's answer to the confirmation is read. */
  Supplier<BufferedReader> input =
      () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ObjectNode body = validated();
      ChannelsApi connected = api.connect();
      JsonNode result;
      if (yes) {
        result = send(connected, "videos/cleanup/apply", body);
      } else {
        result = send(connected, "videos/cleanup/dry-run", body);
        if (!dryRun) {
          out.print(render(result));
          out.printf(
              "Apply: settle %d videos (costs about %d more quota units)? [y/N] ",
              result.path("toSettle").size(), result.path("applyQuotaUnits").asLong());
          out.flush();
          if (!confirmed()) {
            out.println("Not applied.");
            out.flush();
            return ChannelsCommand.OK;
          }
          result = send(connected, "videos/cleanup/apply", body);
        }
      }
      out.print(render(result));
      if (backup != null) {
        writeBackup(result);
        out.println("Backup of " + result.path("toSettle").size() + " videos written to " + backup);
      }
      out.flush();
      return ChannelsCommand.OK;
    } catch (ChannelsCommand.Stop stop) {
      err.println(stop.getMessage());
      err.flush();
      return stop.exitCode();
    }
  }

  /** Every flag checked before the node is asked anything. */
  private ObjectNode validated() throws ChannelsCommand.Stop {
    if (dryRun && yes) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT, "--dry-run and --yes exclude each other; give one");
    }
    ObjectNode body = ChannelsApi.JSON.createObjectNode();
    if (channel != null) {
      if (!CHANNEL.matcher(channel.strip()).matches()) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_INPUT,
            "--channel must be a YouTube channel id (UC...) or a Joystream channel id: " + channel);
      }
      body.put("channel", channel.strip());
    }
    if (backup != null) {
      checkBackup(backup);
    }
    return body;
  }

  /** A backup goes to a new file in an existing, writable folder; nothing is overwritten. */
  static void checkBackup(Path file) throws ChannelsCommand.Stop {
    Path folder = file.toAbsolutePath().getParent();
    if (!file.getFileName().toString().endsWith(".json")) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_INPUT, "--backup must name a .json file: " + file);
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.FILE_NOT_FOUND, "The backup's folder does not exist: " + folder);
    }
    if (Files.exists(file)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE,
          "The backup file exists already; give a new file so no backup is overwritten: " + file);
    }
    if (!Files.isWritable(folder)) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE, "The backup's folder is not writable: " + folder);
    }
  }

  private void writeBackup(JsonNode result) throws ChannelsCommand.Stop {
    ObjectNode doc = ChannelsApi.JSON.createObjectNode();
    doc.put("createdAt", Instant.now().toString());
    doc.put("dryRun", result.path("dryRun").asBoolean());
    if (channel != null) {
      doc.put("channel", channel.strip());
    }
    doc.set("videos", result.path("toSettle"));
    try {
      Files.writeString(
          backup,
          ChannelsApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE,
          "The backup could not be written to " + backup + ": " + e.getMessage());
    }
  }

  private static JsonNode send(ChannelsApi api, String path, ObjectNode body)
      throws ChannelsCommand.Stop {
    ChannelsApi.Answer answer = api.post(path, body);
    if (!answer.ok() || answer.body() == null) {
      throw new ChannelsCommand.Stop(ChannelsCommand.HTTP_API_ERROR, answer.problem());
    }
    return answer.body();
  }

  private boolean confirmed() throws ChannelsCommand.Stop {
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line != null
          && (line.strip().equalsIgnoreCase("y") || line.strip().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(ChannelsCommand.ERROR, "Could not read the answer: " + e);
    }
  }

  /** A run as text: what was looked at and spent, then each video to settle or to report. */
  static String render(JsonNode r) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%s: %d waiting videos of %d channels looked at; %d videos.list calls, %d quota units%n",
            r.path("dryRun").asBoolean() ? "Dry run" : "Applied",
            r.path("waitingVideos").asInt(),
            r.path("channels").asInt(),
            r.path("videosListCalls").asInt(),
            r.path("quotaUnits").asLong()));
    StringBuilder counts = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("byCategory").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      counts
          .append(counts.length() == 0 ? "" : ", ")
          .append(e.getKey())
          .append(' ')
          .append(e.getValue().asInt());
    }
    if (counts.length() > 0) {
      s.append("  by category: ").append(counts).append('\n');
    }
    s.append(String.format("To settle: %d%n", r.path("toSettle").size()));
    for (JsonNode f : r.path("toSettle")) {
      s.append(
          String.format(
              "  %s  %s  %s -> %s  (%s)%n",
              f.path("videoId").asText(),
              f.path("channelId").asText(),
              f.path("state").asText(),
              f.path("becomes").asText(),
              f.path("reason").asText()));
    }
    s.append(String.format("Reported only: %d%n", r.path("reportedOnly").size()));
    for (JsonNode f : r.path("reportedOnly")) {
      s.append(
          String.format(
              "  %s  %s  %s  (%s)%n",
              f.path("videoId").asText(),
              f.path("channelId").asText(),
              f.path("category").asText(),
              f.path("reason").asText()));
    }
    s.append(String.format("Still syncable: %d%n", r.path("syncable").asInt()));
    if (r.path("dryRun").asBoolean()) {
      s.append("Nothing was changed.\n");
    } else {
      s.append(
          String.format(
              "Settled now: %d; already moved on: %d%n",
              r.path("settled").asInt(), r.path("alreadyMovedOn").asInt()));
    }
    if (r.path("more").asBoolean()) {
      s.append("More videos wait than one run looks at: run it again.\n");
    }
    return s.toString();
  }
}
