package io.joysync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.joysync.engine.metrics.NodeMetrics;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on the management port as configured for a node, without the rest of the node:
 * Prometheus's text format, the JVM and cluster meters, whatever the domain registers on the node's
 * registry, even after the route started, and nothing but reading.
 */
class MetricsRouteTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ActorSystem<Void> system;
  private static URI management;

  @BeforeAll
  static void start() throws Exception {
    int port = TestCassandra.freePort();
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "metrics-route",
            ConfigFactory.parseString(
                    "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                        + "pekko.remote.artery.canonical.port = 0\n"
                        + "pekko.management.http.port = "
                        + port
                        // The readiness checks ask Cassandra; this test has none.
                        + "\npekko.management.health-checks.readiness-checks.cassandra = \"\"\n"
                        + "pekko.management.health-checks.readiness-checks.http-api = \"\"\n"
                        + "pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.parseResources("joysync/management.conf"))
                .withFallback(ConfigFactory.parseResources("joysync/metrics.conf"))
                .withFallback(ConfigFactory.defaultReference())
                .resolve());
    NodeMeters.get(system);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cluster.selfMember().status().equals(MemberStatus.up()));
    PekkoManagement.get(system).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    management = URI.create("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void metricsAnswersPrometheusTextWithTheJvmAndClusterMeters() throws Exception {
    HttpResponse<String> reply = send("GET", "/metrics");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=UTF-8");
    assertThat(reply.body())
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("jvm_threads_live_threads")
        .contains("joysync_cluster_members{status=\"up\"} 1.0")
        .contains("joysync_cluster_unreachable_members 0.0");
  }

  @Test
  void aMeterTheDomainRegistersLaterIsExposedToo() throws Exception {
    Counter.builder("joysync.test.videos.seen")
        .register(NodeMetrics.get(system).registry())
        .increment(3);

    assertThat(send("GET", "/metrics").body()).contains("joysync_test_videos_seen_total 3.0");
  }

  @Test
  void metricsOnlyReads() throws Exception {
    assertThat(send("POST", "/metrics").statusCode()).isEqualTo(405);
    assertThat(send("DELETE", "/metrics").statusCode()).isEqualTo(405);
  }

  @Test
  void theHealthCheckBesideItStillAnswersAndTheClusterRoutesNeedAKeyThisNodeDoesNotHave()
      throws Exception {
    assertThat(send("GET", "/alive").statusCode()).isEqualTo(200);
    // No operator key is configured here: the cluster routes are refused to everyone.
    HttpResponse<String> members =
        CLIENT.send(
            HttpRequest.newBuilder(management.resolve("/cluster/members"))
                .header("Authorization", "Bearer ")
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(members.statusCode()).isEqualTo(401);
    assertThat(members.body()).contains("\"code\":\"INVALID_OPERATOR_KEY\"");
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(management.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
