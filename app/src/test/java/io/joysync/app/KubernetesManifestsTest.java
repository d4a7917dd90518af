package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes}, read as Kubernetes would (no cluster runs
 * here): the nodes bootstrap through the Kubernetes API from pods the Role lets them list, with the
 * label and port name the discovery looks for; every variable they set is one joysync reads (a
 * misspelt one would be ignored silently); the probes are the management port's health checks; and
 * a pod is given longer to leave than its coordinated shutdown takes.
 */
class KubernetesManifestsTest {

  private static final Path DIR =
      Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
  private static final Path ROOT = DIR.getParent().getParent();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every document of every manifest, by kind. */
  private static Map<String, List<JsonNode>> manifests() throws IOException {
    Map<String, List<JsonNode>> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
          for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
            byKind.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
          }
        }
      }
    }
    return byKind;
  }

  private static JsonNode one(Map<String, List<JsonNode>> manifests, String kind) {
    assertThat(manifests.get(kind)).as(kind).hasSize(1);
    return manifests.get(kind).get(0);
  }

  private static JsonNode nodeContainer(Map<String, List<JsonNode>> manifests) {
    return one(manifests, "Deployment")
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .get(0);
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  @Test
  void theNodesBootstrapThroughTheKubernetesApiFromPodsTheyMayList() throws IOException {
    Map<String, List<JsonNode>> manifests = manifests();
    JsonNode deployment = one(manifests, "Deployment");
    JsonNode pod = deployment.path("spec").path("template");
    JsonNode container = nodeContainer(manifests);
    Map<String, String> env = env(container);

    assertThat(env)
        .containsEntry("JOYSYNC_CLUSTER_FORMATION", "bootstrap")
        .containsEntry("JOYSYNC_BOOTSTRAP_DISCOVERY", "kubernetes-api")
        .containsEntry("JOYSYNC_REMOTE_HOST", "$(POD_IP)")
        .containsEntry("JOYSYNC_MANAGEMENT_HOST", "$(POD_IP)");
    Config node =
        NodeConfig.load(
            null,
            Map.of(
                "joysync.cluster.formation",
                "bootstrap",
                "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method",
                env.get("JOYSYNC_BOOTSTRAP_DISCOVERY")));
    assertThat(ClusterFormation.from(node)).isEqualTo(ClusterFormation.Method.BOOTSTRAP);
    // The discovery lists pods labelled app=<service name>, and takes the port of that name.
    String selector =
        node.getString("pekko.discovery.kubernetes-api.pod-label-selector")
            .formatted(
                node.getString(
                    "pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
    assertThat(selector).isEqualTo("app=joysync");
    assertThat(pod.path("metadata").path("labels").path("app").asText()).isEqualTo("joysync");
    List<String> portNames = new ArrayList<>();
    container.path("ports").forEach(p -> portNames.add(p.path("name").asText()));
    assertThat(portNames).contains(env.get("JOYSYNC_BOOTSTRAP_PORT_NAME"));

    String account = pod.path("spec").path("serviceAccountName").asText();
    JsonNode binding = one(manifests, "RoleBinding");
    assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(account);
    JsonNode role = one(manifests, "Role");
    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(role.path("metadata").path("name").asText());
    JsonNode rule = role.path("rules").get(0);
    assertThat(YAML.convertValue(rule.path("resources"), List.class)).containsExactly("pods");
    assertThat(YAML.convertValue(rule.path("verbs"), List.class)).contains("list", "get");
  }

  @Test
  void theProbesAreTheHealthChecksAndAPodHasLongerToLeaveThanItsShutdownTakes() throws IOException {
    Map<String, List<JsonNode>> manifests = manifests();
    JsonNode container = nodeContainer(manifests);

    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/ready");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/alive");
    assertThat(container.path("readinessProbe").path("httpGet").path("port").asText())
        .isEqualTo("management");
    Config node = NodeConfig.load(null, Map.of());
    int managementPort = node.getInt("pekko.management.http.port");
    int httpPort = node.getInt("joysync.http.port");
    Map<String, Integer> ports = new HashMap<>();
    container
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    assertThat(ports).containsEntry("management", managementPort).containsEntry("http", httpPort);

    Duration shutdown =
        node.getDuration("pekko.coordinated-shutdown.phases.before-cluster-shutdown.timeout")
            .plus(node.getDuration("joysync.cluster.downed-exit-deadline"));
    long grace =
        one(manifests, "Deployment")
            .path("spec")
            .path("template")
            .path("spec")
            .path("terminationGracePeriodSeconds")
            .asLong();
    assertThat(Duration.ofSeconds(grace)).isGreaterThan(shutdown);
    JsonNode rolling = one(manifests, "Deployment").path("spec").path("strategy");
    assertThat(rolling.path("rollingUpdate").path("maxUnavailable").asInt())
        .as("a rolling update adds a node before it removes one")
        .isZero();
  }

  @Test
  void everyVariableTheManifestsSetIsOneJoysyncReads() throws IOException {
    Map<String, List<JsonNode>> manifests = manifests();
    Set<String> names = new TreeSet<>(env(nodeContainer(manifests)).keySet());
    names.remove("POD_IP");
    one(manifests, "ConfigMap").path("data").fieldNames().forEachRemaining(names::add);
    one(manifests, "Secret").path("stringData").fieldNames().forEachRemaining(names::add);

    String sources = mainSources();
    List<String> unread =
        names.stream().filter(name -> !sources.contains(name)).collect(Collectors.toList());
    assertThat(unread).as("variables no configuration or code of joysync reads").isEmpty();
    assertThat(one(manifests, "Job").path("spec").path("template").toString())
        .contains("\"schema\"", "\"apply\"");
  }

  /**
   * The text of every configuration file and source joysync ships (not its tests, not the devnet).
   */
  private static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path main :
          modules
              .filter(m -> !m.getFileName().toString().equals("devnet"))
              .map(m -> m.resolve("src").resolve("main"))
              .filter(Files::isDirectory)
              .toList()) {
        try (Stream<Path> files = Files.walk(main)) {
          for (Path f : files.filter(p -> p.toString().matches(".*\\.(conf|java|xml)$")).toList()) {
            all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }
}
