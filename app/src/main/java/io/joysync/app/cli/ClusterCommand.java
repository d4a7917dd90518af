package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code joysync cluster members|shards|leave|down}: the cluster as a node's management endpoint
 * (Pekko Management's cluster HTTP routes, behind the operator key) shows and changes it. Exit
 * codes as the {@code channels} commands: 0 ok, 1 error, 30 API error (a refusal, such as a member
 * that does not exist), 40 invalid input.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Members and shards of the cluster; leave or down a member.",
    exitCodeOnInvalidInput = ChannelsCommand.INVALID_INPUT,
    subcommands = {
      ClusterCommand.Members.class,
      ClusterCommand.Shards.class,
      ClusterCommand.Leave.class,
      ClusterCommand.Down.class
    })
public final class ClusterCommand implements Runnable {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs calls on the management endpoint and prints the outcome, or the problem and its code. */
  abstract static class ManagementCall implements Callable<Integer> {
    @Mixin ManagementOptions management;
    @Spec CommandLine.Model.CommandSpec spec;

    abstract String run(ChannelsApi api) throws ChannelsCommand.Stop;

    @Override
    public Integer call() {
      try {
        String text = run(management.connect());
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        return ChannelsCommand.OK;
      } catch (ChannelsCommand.Stop stop) {
        spec.commandLine().getErr().println(stop.getMessage());
        return stop.exitCode();
      }
    }

    static JsonNode body(ChannelsApi.Answer answer) throws ChannelsCommand.Stop {
      if (!answer.ok() || answer.body() == null) {
        throw new ChannelsCommand.Stop(ChannelsCommand.HTTP_API_ERROR, answer.problem());
      }
      return answer.body();
    }
  }

  @Command(
      name = "members",
      mixinStandardHelpOptions = true,
      description = "The members: address, status, reachability and roles; leader and oldest.")
  static final class Members extends ManagementCall {
    @Override
    String run(ChannelsApi api) throws ChannelsCommand.Stop {
      return renderMembers(body(api.get("cluster/members")));
    }
  }

  @Command(
      name = "shards",
      mixinStandardHelpOptions = true,
      description = "Per entity type, the shards and entities the asked node hosts.")
  static final class Shards extends ManagementCall {
    @Override
    String run(ChannelsApi api) throws ChannelsCommand.Stop {
      String node = body(api.get("cluster/members")).path("selfNode").asText("?");
      Map<String, JsonNode> regions = new TreeMap<>();
      for (JsonNode type : body(api.get("cluster/shards")).path("entityTypeKeys")) {
        regions.put(
            type.asText(),
            body(api.get("cluster/shards/" + encoded(type.asText()))).path("regions"));
      }
      return renderShards(node, regions);
    }
  }

  /** Leave and down: one member, named by its address. */
  abstract static class MemberOperation extends ManagementCall {
    @Parameters(
        index = "0",
        paramLabel = "<address>",
        description = "The member: pekko://joysync@host:port, joysync@host:port or host:port.")
    String address;

    abstract String operation();

    @Override
    String run(ChannelsApi api) throws ChannelsCommand.Stop {
      if (address.isBlank()) {
        throw new ChannelsCommand.Stop(ChannelsCommand.INVALID_INPUT, "<address> is empty");
      }
      JsonNode answer =
          body(
              api.putForm(
                  "cluster/members/" + encoded(address.trim()), "operation=" + operation()));
      return answer.path("message").asText("Done") + "\n";
    }
  }

  @Command(
      name = "leave",
      mixinStandardHelpOptions = true,
      description =
          "Ask a member to leave gracefully: its shards move to the other members, then it stops.")
  static final class Leave extends MemberOperation {
    @Override
    String operation() {
      return "leave";
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Down a member that is gone or unreachable: the cluster stops waiting for it and it"
              + " exits if it still runs.")
  static final class Down extends MemberOperation {
    @Override
    String operation() {
      return "down";
    }
  }

  static String renderMembers(JsonNode view) {
    Map<String, List<String>> unreachable = new TreeMap<>();
    for (JsonNode u : view.path("unreachable")) {
      List<String> observers = new ArrayList<>();
      u.path("observedBy").forEach(o -> observers.add(o.asText()));
      unreachable.put(u.path("node").asText(), observers);
    }
    JsonNode members = view.path("members");
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%d member%s, as %s sees them; leader %s, oldest %s%n",
            members.size(),
            members.size() == 1 ? "" : "s",
            view.path("selfNode").asText("?"),
            view.path("leader").asText("none"),
            view.path("oldest").asText("none")));
    s.append(String.format("  %-40s %-8s %-12s %s%n", "ADDRESS", "STATUS", "REACHABLE", "ROLES"));
    for (JsonNode m : members) {
      String node = m.path("node").asText();
      List<String> roles = new ArrayList<>();
      m.path("roles").forEach(r -> roles.add(r.asText()));
      List<String> observers = unreachable.get(node);
      s.append(
          String.format(
              "  %-40s %-8s %-12s %s%n",
              node,
              m.path("status").asText(),
              observers == null ? "yes" : "NO",
              String.join(",", roles)));
      if (observers != null) {
        s.append(String.format("    unreachable from %s%n", String.join(", ", observers)));
      }
    }
    return s.toString();
  }

  static String renderShards(String node, Map<String, JsonNode> regions) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("Shards hosted by %s, per entity type%n", node));
    s.append(String.format("  %-20s %8s %10s%n", "ENTITY TYPE", "SHARDS", "ENTITIES"));
    long shards = 0;
    long entities = 0;
    for (Map.Entry<String, JsonNode> e : regions.entrySet()) {
      long typeEntities = 0;
      for (JsonNode shard : e.getValue()) {
        typeEntities += shard.path("numEntities").asLong();
      }
      shards += e.getValue().size();
      entities += typeEntities;
      s.append(String.format("  %-20s %8d %10d%n", e.getKey(), e.getValue().size(), typeEntities));
    }
    s.append(String.format("  %-20s %8d %10d%n", "total", shards, entities));
    return s.toString();
  }

  private static String encoded(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
