package io.joysync.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code joysync kibana apply}: creates or updates, through Kibana's HTTP API, everything in {@code
 * kibana/}, and a second run changes nothing it does not have to: connectors are found by name,
 * rules, the data view and the saved objects by their stable ids (created when absent, updated when
 * present; the saved objects imported with overwrite). Every file is read and checked before the
 * first request, and the first request only reads, so a malformed file or refused credentials leave
 * Kibana as it was.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description =
        "Create or update joysync's alert rules, connectors (Discord webhook, e-mail), data view"
            + " and dashboard in Kibana. Settings: KIBANA_URL, ELASTIC_USERNAME, ELASTIC_PASSWORD,"
            + " EMAIL_RECIPIENTS, DISCORD_WEBHOOK_URL, THRESHOLD, ALERT_RULE_NAME,"
            + " EMAIL_CONNECTOR_NAME, WEBHOOK_CONNECTOR_NAME; to create the e-mail connector also"
            + " SMTP_HOST, SMTP_PORT, SMTP_SECURE, EMAIL_FROM, SMTP_USERNAME, SMTP_PASSWORD.")
final class KibanaApply implements Callable<Integer> {

  static final String DIR_VARIABLE = "JOYSYNC_KIBANA_DIR";
  private static final String ERRORS_RULE = "joysync-errors";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Option(
      names = "--dir",
      description =
          "The folder of rules, connectors and saved objects (default: $"
              + DIR_VARIABLE
              + ", else ./kibana).")
  Path dir;

  @Option(
      names = "--env-file",
      description =
          "Read the settings from this KEY=VALUE file instead of the environment (as"
              + " youtube-synch's .env).")
  Path envFile;

  @Spec CommandLine.Model.CommandSpec spec;

  Function<String, String> environment = System::getenv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      KibanaSettings settings =
          envFile == null
              ? KibanaSettings.fromEnvironment(environment)
              : KibanaSettings.fromFile(envFile);
      KibanaFiles files = KibanaFiles.read(folder());
      KibanaApi api =
          new KibanaApi(
              settings.kibanaUrl(),
              settings.required("ELASTIC_USERNAME", "to sign in to Kibana"),
              settings.required("ELASTIC_PASSWORD", "to sign in to Kibana"));
      long threshold = settings.threshold();
      settings.name("ALERT_RULE_NAME");
      settings.required("DISCORD_WEBHOOK_URL", "for the Discord connector");
      settings.required("EMAIL_RECIPIENTS", "for the e-mail alerts");

      List<KibanaConnectors.Applied> connectors =
          new KibanaConnectors(api, settings).apply(files.connectors());
      for (KibanaConnectors.Applied c : connectors) {
        out.printf("connector %s (%s, %s): %s%n", c.name(), c.typeId(), c.id(), c.outcome());
      }
      for (KibanaFiles.Rule rule : files.rules()) {
        ObjectNode body = ruleBody(rule, connectors, threshold, settings);
        boolean present = api.find("api/alerting/rule/" + rule.id()).found();
        if (present) {
          for (String field : List.of("rule_type_id", "consumer", "enabled")) {
            body.remove(field);
          }
          api.put("api/alerting/rule/" + rule.id(), body);
        } else {
          api.post("api/alerting/rule/" + rule.id(), body);
        }
        out.printf(
            "rule %s (%s, %s): %s%n",
            rule.key(), body.path("name").asText(), rule.id(), present ? "updated" : "created");
      }
      applyDataView(api, files.dataView(), out);
      for (KibanaFiles.Ndjson objects : files.savedObjects()) {
        JsonNode answer =
            api.postFile(
                    "api/saved_objects/_import?overwrite=true",
                    objects.file().getFileName().toString(),
                    objects.text())
                .body();
        if (answer == null || !answer.path("success").asBoolean(false)) {
          throw new ChannelsCommand.Stop(
              ChannelsCommand.HTTP_API_ERROR,
              "KIBANA_REFUSED the saved objects of "
                  + objects.file()
                  + ": "
                  + (answer == null ? "no answer" : answer.path("errors").toString()));
        }
        out.printf(
            "saved objects of %s: %d imported (overwriting)%n",
            objects.file().getFileName(), answer.path("successCount").asInt());
      }
      out.printf(
          "Kibana at %s: %d connectors, %d rules, data view %s and %d saved-object files applied%n",
          api.base(),
          connectors.size(),
          files.rules().size(),
          files.dataView().id(),
          files.savedObjects().size());
      out.flush();
      return ChannelsCommand.OK;
    } catch (ChannelsCommand.Stop stop) {
      out.flush();
      spec.commandLine().getErr().println(stop.getMessage());
      return stop.exitCode();
    }
  }

  private Path folder() {
    if (dir != null) {
      return dir;
    }
    String fromEnvironment = environment.apply(DIR_VARIABLE);
    return Path.of(
        fromEnvironment == null || fromEnvironment.isBlank() ? "kibana" : fromEnvironment);
  }

  /** The rule's create body: its file without our keys, its actions on every connector. */
  private static ObjectNode ruleBody(
      KibanaFiles.Rule rule,
      List<KibanaConnectors.Applied> connectors,
      long threshold,
      KibanaSettings settings)
      throws ChannelsCommand.Stop {
    ObjectNode body = rule.body().deepCopy();
    body.remove("id");
    body.remove("description");
    if (ERRORS_RULE.equals(rule.key())) {
      ((ObjectNode) body.path("params")).set("threshold", NODES.arrayNode().add(threshold));
      settings.name("ALERT_RULE_NAME").ifPresent(name -> body.put("name", name));
    }
    ArrayNode actions = NODES.arrayNode();
    for (KibanaConnectors.Applied c : connectors) {
      for (Map.Entry<String, JsonNode> group :
          (Iterable<Map.Entry<String, JsonNode>>) c.actions()::fields) {
        ObjectNode action = actions.addObject();
        action.put("group", group.getKey());
        action.put("id", c.id());
        action.set("params", group.getValue());
        ObjectNode frequency = action.putObject("frequency");
        frequency.put("summary", false);
        frequency.put("notify_when", "onActionGroupChange");
        frequency.putNull("throttle");
      }
    }
    body.set("actions", actions);
    return body;
  }

  private static void applyDataView(KibanaApi api, KibanaFiles.DataView view, PrintWriter out)
      throws ChannelsCommand.Stop {
    String path = "api/data_views/data_view/" + view.id();
    ObjectNode body = NODES.objectNode();
    ObjectNode dataView = view.dataView().deepCopy();
    if (api.find(path).found()) {
      dataView.remove("id");
      body.set("data_view", dataView);
      api.post(path, body);
      out.printf("data view %s (%s): updated%n", view.id(), view.dataView().path("title").asText());
    } else {
      body.set("data_view", dataView);
      body.put("override", false);
      api.post("api/data_views/data_view", body);
      out.printf("data view %s (%s): created%n", view.id(), view.dataView().path("title").asText());
    }
  }
}
