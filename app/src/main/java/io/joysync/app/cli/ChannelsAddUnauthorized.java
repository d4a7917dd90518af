package io.joysync.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync channels add-unauthorized}: adds one public YouTube channel, or each channel of a
 * bulk file in order, through {@code POST /channels/unauthorized}. A bulk file is checked whole
 * before the first request; a refused entry is reported and the next one still sent, and the exit
 * code then says that something failed.
 */
@Command(
    name = "add-unauthorized",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    description =
        "Add YouTube channels without their owner's grant, to be synced into Joystream channels"
            + " on which joysync's collaborator may add videos.")
final class ChannelsAddUnauthorized implements Callable<Integer> {

  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  static final int MAX_FILE_ENTRIES = 10_000;
  static final int MAX_VIDEOS_LIMIT = 1000;
  private static final Set<String> ENTRY_FIELDS =
      Set.of("ytChannelId", "channelUrl", "joystreamChannelId", "videosLimit", "videoCategoryId");

  @Mixin ChannelsApiOptions api;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--yt-channel-id", description = "YouTube channel id (UC...).")
    String ytChannelId;

    @Option(
        names = "--channel-url",
        description = "youtube.com/channel/UC... or youtube.com/@handle")
    String channelUrl;

    @Option(
        names = "--file",
        description =
            "JSON array of {ytChannelId|channelUrl, joystreamChannelId, videosLimit?,"
                + " videoCategoryId?}, added in order.")
    Path file;
  }

  @Option(names = "--joystream-channel-id", description = "Joystream channel to sync into.")
  Long joystreamChannelId;

  @Option(
      names = "--videos-limit",
      description = "How many of the latest uploads to track (1..1000; the API's default is 50).")
  Integer videosLimit;

  @Option(names = "--category", description = "Joystream video category (default: the node's).")
  String category;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<ObjectNode> entries = source.file != null ? fromFile(source.file) : List.of(single());
      ChannelsApi client = api.connect();
      int failed = 0;
      for (int i = 0; i < entries.size(); i++) {
        ObjectNode entry = entries.get(i);
        String name = entry.path(entry.has("ytChannelId") ? "ytChannelId" : "channelUrl").asText();
        ChannelsApi.Answer answer = client.post("channels/unauthorized", entry);
        String prefix = entries.size() > 1 ? "[" + (i + 1) + "/" + entries.size() + "] " : "";
        if (answer.ok() && answer.body() != null) {
          JsonNode channel = answer.body().path("channel");
          out.printf(
              "%sadded %s (%s) -> Joystream channel %d: %d videos tracked, %d already tracked%n",
              prefix,
              channel.path("youtubeChannelId").asText(name),
              channel.path("title").asText(""),
              channel.path("joystreamChannelId").asLong(),
              answer.body().path("videosTracked").asInt(),
              answer.body().path("videosAlreadyTracked").asInt());
        } else {
          failed++;
          err.printf("%sfailed %s: %s%n", prefix, name, answer.problem());
        }
        out.flush();
      }
      if (failed > 0) {
        err.printf("%d of %d channels failed%n", failed, entries.size());
        return ChannelsCommand.HTTP_API_ERROR;
      }
      return ChannelsCommand.OK;
    } catch (ChannelsCommand.Stop stop) {
      err.println(stop.getMessage());
      return stop.exitCode();
    }
  }

  private ObjectNode single() throws ChannelsCommand.Stop {
    if (joystreamChannelId == null) {
      throw invalid("--joystream-channel-id is required with --yt-channel-id or --channel-url");
    }
    ObjectNode body = ChannelsApi.JSON.createObjectNode();
    if (source.ytChannelId != null) {
      body.put("ytChannelId", source.ytChannelId);
    } else {
      body.put("channelUrl", source.channelUrl);
    }
    body.put("joystreamChannelId", joystreamChannelId);
    List<String> problems = new ArrayList<>();
    check(body, "", problems);
    if (!problems.isEmpty()) {
      throw invalid(String.join("; ", problems));
    }
    return withDefaults(body);
  }

  private List<ObjectNode> fromFile(Path file) throws ChannelsCommand.Stop {
    if (joystreamChannelId != null) {
      throw invalid("--joystream-channel-id cannot be used with --file: each entry names its own");
    }
    JsonNode root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ChannelsCommand.Stop(
            ChannelsCommand.INVALID_FILE, file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      root = ChannelsApi.JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ChannelsCommand.Stop(ChannelsCommand.FILE_NOT_FOUND, "File not found: " + file);
    } catch (JsonProcessingException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE,
          file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE, file + " could not be read: " + e.getMessage());
    }
    if (root == null || !root.isArray() || root.isEmpty() || root.size() > MAX_FILE_ENTRIES) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE,
          file
              + " must hold a JSON array of 1 to "
              + MAX_FILE_ENTRIES
              + " entries {ytChannelId|channelUrl, joystreamChannelId, videosLimit?,"
              + " videoCategoryId?}");
    }
    List<String> problems = new ArrayList<>();
    List<ObjectNode> entries = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String at = "entry " + (i + 1) + ": ";
      if (!entry.isObject()) {
        problems.add(at + "must be an object");
        continue;
      }
      for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!ENTRY_FIELDS.contains(field)) {
          problems.add(at + "unknown field " + field);
        }
      }
      check(entry, at, problems);
      entries.add(withDefaults(((ObjectNode) entry).deepCopy()));
    }
    if (!problems.isEmpty()) {
      throw new ChannelsCommand.Stop(
          ChannelsCommand.INVALID_FILE, file + " is invalid: " + String.join("; ", problems));
    }
    return entries;
  }

  private static void check(JsonNode entry, String at, List<String> problems) {
    boolean byId = entry.hasNonNull("ytChannelId");
    boolean byUrl = entry.hasNonNull("channelUrl");
    if (byId == byUrl) {
      problems.add(at + "exactly one of ytChannelId and channelUrl is needed");
    } else if (!entry.get(byId ? "ytChannelId" : "channelUrl").isTextual()) {
      problems.add(at + (byId ? "ytChannelId" : "channelUrl") + " must be a string");
    }
    JsonNode id = entry.get("joystreamChannelId");
    if (id == null || !id.canConvertToExactIntegral() || id.asLong() < 0) {
      problems.add(at + "joystreamChannelId must be a channel id (a whole number, 0 or more)");
    }
    JsonNode limit = entry.get("videosLimit");
    if (limit != null && !validLimit(limit)) {
      problems.add(at + "videosLimit must be a whole number from 1 to " + MAX_VIDEOS_LIMIT);
    }
    JsonNode category = entry.get("videoCategoryId");
    if (category != null && (!category.isTextual() || category.asText().isBlank())) {
      problems.add(at + "videoCategoryId must be a non-empty string");
    }
  }

  private static boolean validLimit(JsonNode limit) {
    return limit.canConvertToExactIntegral()
        && limit.asLong() >= 1
        && limit.asLong() <= MAX_VIDEOS_LIMIT;
  }

  /** Flags fill what an entry leaves out. */
  private ObjectNode withDefaults(ObjectNode entry) throws ChannelsCommand.Stop {
    if (videosLimit != null && !entry.has("videosLimit")) {
      if (videosLimit < 1 || videosLimit > MAX_VIDEOS_LIMIT) {
        throw invalid("--videos-limit must be from 1 to " + MAX_VIDEOS_LIMIT);
      }
      entry.put("videosLimit", videosLimit);
    }
    if (category != null && !entry.has("videoCategoryId")) {
      if (category.isBlank()) {
        throw invalid("--category must not be empty");
      }
      entry.put("videoCategoryId", category);
    }
    return entry;
  }

  private static ChannelsCommand.Stop invalid(String message) {
    return new ChannelsCommand.Stop(ChannelsCommand.INVALID_INPUT, message);
  }
}
