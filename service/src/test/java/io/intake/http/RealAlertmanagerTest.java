package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) notifying a running
 * Intake through its webhook receiver, with Bearer credentials and {@code send_resolved}, short
 * group and repeat intervals, and semantic dedup on. Two alerts with different fingerprints and the
 * same text must stay two open items (related, not merged), repeat notifications must not count
 * occurrences, and resolving one must leave the other open and listed.
 *
 * <p>Skipped only when the binary is not installed ({@code .ci/run} installs it).
 */
@ExtendWith(VertxExtension.class)
class RealAlertmanagerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final List<String> BINARIES = List.of("/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager",
      "/usr/local/bin/alertmanager");

  @TempDir
  Path dir;

  @Test
  void distinctAlertsStayDistinctCountsStaySteadyAndResolvingOneKeepsTheOtherOpen(Vertx vertx) throws Exception {
    String binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    Assumptions.assumeTrue(binary != null, "prometheus-alertmanager is not installed");

    // Occurrence events per item: each one is a webhook delivery that named the alert as firing.
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.WORKITEM_UPDATED, m -> {
      if ("occurrence".equals(m.body().getString("cause"))) {
        deliveries.computeIfAbsent(m.body().getString("work_item_id"), k -> new AtomicInteger()).incrementAndGet();
      }
    });

    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true))));
        Alertmanager am = Alertmanager.start(binary, dir, app.http().port())) {
      Http http = app.http();
      Instant startsAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      am.post(new JsonArray().add(alert("web-1", startsAt, null)).add(alert("web-2", startsAt, null)));

      // Both alerts arrive (one grouped notification) and go through enrichment and the dedup decision.
      TestApp.eventually(DEADLINE, () -> items(http).size() == 2);
      String web1 = itemOf(http, "web-1");
      String web2 = itemOf(http, "web-2");
      for (String id : List.of(web1, web2)) {
        TestApp.eventually(DEADLINE, () -> "indexed".equals(
            http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state")));
      }
      JsonObject one = http.get("/work-items/" + web1).bodyAsJsonObject();
      JsonObject two = http.get("/work-items/" + web2).bodyAsJsonObject();
      assertThat(one.getJsonObject("source_refs").getString("group_key"))
          .as("one group, one notification for both").isEqualTo(two.getJsonObject("source_refs").getString("group_key"));

      // Distinct identities: two open items, both listed, neither merged; related by their text.
      assertThat(openIds(http)).containsExactlyInAnyOrder(web1, web2);
      assertThat(one.getString("merged_into")).isNull();
      assertThat(two.getString("merged_into")).isNull();
      assertThat(relatedIds(two)).contains(web1);
      assertThat(relatedIds(one)).contains(web2);
      assertThat(two.getJsonArray("related").getJsonObject(0).getDouble("score")).isGreaterThanOrEqualTo(0.75);
      JsonObject related = http.get("/work-items?related_to=" + web1).bodyAsJsonObject();
      assertThat(related.getJsonArray("work_items").stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly(web2);

      // Alertmanager repeats the group every repeat_interval: wait for two repeats, count stays 1.
      TestApp.eventually(DEADLINE, () -> count(deliveries, web1) >= 2 && count(deliveries, web2) >= 2);
      assertThat(occurrences(http, web1)).isEqualTo(1);
      assertThat(occurrences(http, web2)).isEqualTo(1);

      // web-1 resolves (endsAt in the past): its item is resolved, web-2 stays open and listed.
      am.post(new JsonArray().add(alert("web-1", startsAt, Instant.now().minusSeconds(1))));
      TestApp.eventually(DEADLINE, () -> "resolved".equals(status(http, web1)));
      assertThat(status(http, web2)).isEqualTo("open");
      assertThat(openIds(http)).containsExactly(web2);
      int before = count(deliveries, web2);
      TestApp.eventually(DEADLINE, () -> count(deliveries, web2) >= before + 2);
      assertThat(occurrences(http, web2)).isEqualTo(1);
      assertThat(openIds(http)).containsExactly(web2);
      assertThat(items(http)).hasSize(2);
    }
  }

  private static int count(Map<String, AtomicInteger> deliveries, String id) {
    AtomicInteger n = deliveries.get(id);
    return n == null ? 0 : n.get();
  }

  private static JsonObject alert(String instance, Instant startsAt, Instant endsAt) {
    JsonObject alert = new JsonObject()
        .put("labels", new JsonObject().put("alertname", "HighLatency").put("service", "web")
            .put("severity", "warning").put("instance", instance))
        .put("annotations", new JsonObject()
            .put("summary", "High request latency on the web tier")
            .put("description", "p99 latency above 500ms for 5 minutes"))
        .put("startsAt", startsAt.toString())
        .put("generatorURL", "http://prometheus.example/graph?g0.expr=latency");
    if (endsAt != null) {
      alert.put("endsAt", endsAt.toString());
    }
    return alert;
  }

  private static List<JsonObject> items(Http http) {
    List<JsonObject> out = new ArrayList<>();
    http.get("/work-items?service=web&limit=100").bodyAsJsonObject().getJsonArray("work_items")
        .forEach(o -> out.add((JsonObject) o));
    return out;
  }

  private static String itemOf(Http http, String instance) {
    for (JsonObject summary : items(http)) {
      JsonObject item = http.get("/work-items/" + summary.getString("id")).bodyAsJsonObject();
      if (item.getString("raw_log").contains("instance=\"" + instance + "\"")) {
        return item.getString("id");
      }
    }
    throw new AssertionError("no item for " + instance);
  }

  private static List<String> openIds(Http http) {
    return http.get("/work-items?status=open&service=web").bodyAsJsonObject().getJsonArray("work_items").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static List<String> relatedIds(JsonObject item) {
    JsonArray related = item.getJsonArray("related", new JsonArray());
    return related.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static int occurrences(Http http, String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject().getInteger("occurrence_count");
  }

  private static String status(Http http, String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject().getString("status");
  }

  /** The Alertmanager process, its config and storage in a temp dir, on a free loopback port. */
  private record Alertmanager(Process process, int port, Path log) implements AutoCloseable {

    static Alertmanager start(String binary, Path dir, int intakePort) throws IOException {
      int port = TestApp.freePort();
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(config, """
          route:
            receiver: intake
            group_by: ['alertname']
            group_wait: 1s
            group_interval: 1s
            repeat_interval: 2s
          receivers:
            - name: intake
              webhook_configs:
                - url: http://127.0.0.1:%d/webhooks/alertmanager
                  send_resolved: true
                  http_config:
                    authorization:
                      type: Bearer
                      credentials: %s
          """.formatted(intakePort, TestApp.API_KEY), StandardCharsets.UTF_8);
      Path storage = Files.createDirectories(dir.resolve("data"));
      Path log = dir.resolve("alertmanager.log");
      Process process = new ProcessBuilder(binary, "--config.file=" + config, "--storage.path=" + storage,
          "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Alertmanager am = new Alertmanager(process, port, log);
      try {
        TestApp.eventually(DEADLINE, () -> {
          if (!process.isAlive()) {
            throw new AssertionError("alertmanager exited: " + am.logText());
          }
          return am.call("GET", "/-/ready", null) == 200;
        });
      } catch (AssertionError e) {
        am.close();
        throw e;
      }
      return am;
    }

    void post(JsonArray alerts) {
      assertThat(call("POST", "/api/v2/alerts", alerts.encode())).as(logText()).isEqualTo(200);
    }

    /** Plain JDK client: the test thread blocks anyway, and this is not the code under test. */
    int call(String method, String path, String body) {
      try {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    String logText() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
