package io.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.intake.fakes.FakeLearner;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboard and Prometheus alert rules read only metrics a running Intake
 * exposes (after a little traffic of every kind: work items, a log batch, an outcome delivered to
 * a Learner, the simulator), the rules pass {@code promtool check rules}, and a real Prometheus
 * scrapes {@code /metrics} and evaluates every rule without error.
 */
class DashboardAndAlertsTest {

  private static final Path DASHBOARD = Path.of("../docs/grafana/intake-dashboard.json");
  private static final Path RULES = Path.of("../docs/prometheus/intake-alerts.yml");
  /** Made by Prometheus itself, not by the target. */
  private static final Set<String> SYNTHETIC = Set.of("up");

  private static Vertx vertx;
  private static FakeLearner learner;
  private static RunningApp app;
  private static Http http;

  @TempDir
  Path dir;

  @BeforeAll
  static void startAndDriveTraffic() {
    IntakeMetrics metrics = IntakeMetrics.create();
    vertx = Vertx.vertx(metrics.vertxOptions());
    metrics.attach(vertx);
    learner = new FakeLearner(vertx).start();
    app = RunningApp.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("metrics", new JsonObject().put("refresh_interval_ms", 200)))
        .put("learner", new JsonObject().put("url", learner.url()).put("poll_interval_ms", 100))
        .put("simulator", new JsonObject().put("log_interval", 0.05)));
    http = app.http();
    String item = http.postJson("/work-items", ValidBodies.all().get("/work-items")).bodyAsJsonObject().getString("work_item_id");
    assertThat(http.postJson("/work-items/" + item + "/outcome", ValidBodies.all().get("/work-items/{id}/outcome")).statusCode())
        .isEqualTo(200);
    assertThat(http.postJson("/logs", ValidBodies.all().get("/logs")).statusCode()).isEqualTo(202);
    assertThat(http.postJson("/monitoring/start", new JsonObject()).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    http.postJson("/monitoring/stop", new JsonObject());
    app.close();
    learner.stop();
    TestApp.await(vertx.close());
  }

  private static Set<String> dashboardMetrics() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    Set<String> names = new TreeSet<>();
    JsonArray panels = dashboard.getJsonArray("panels");
    for (int i = 0; i < panels.size(); i++) {
      JsonArray targets = panels.getJsonObject(i).getJsonArray("targets", new JsonArray());
      for (int t = 0; t < targets.size(); t++) {
        names.addAll(PromQl.metricNames(targets.getJsonObject(t).getString("expr")));
      }
    }
    return names;
  }

  private static List<JsonNode> rules() throws Exception {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    List<JsonNode> rules = new ArrayList<>();
    root.get("groups").forEach(group -> group.get("rules").forEach(rules::add));
    return rules;
  }

  /**
   * Waits until every name is in /metrics (some appear only after a refresh, a delivery or, like
   * {@code jvm_gc_pause_seconds}, the first collection, which is asked for here); answers what is missing.
   */
  private static Set<String> missingFromScrape(Set<String> wanted) {
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(SYNTHETIC);
    System.gc();
    try {
      TestApp.eventually(Duration.ofSeconds(60), () -> {
        missing.removeAll(MetricsEndpointTest.scrape(http).names());
        return missing.isEmpty();
      });
    } catch (AssertionError timedOut) {
      // what is still missing is the answer
    }
    return missing;
  }

  @Test
  void everyMetricTheDashboardQueriesIsExposed() throws Exception {
    Set<String> names = dashboardMetrics();
    assertThat(names).contains("intake_ingest_requests_total", "vertx_http_server_response_time_seconds_bucket",
        "intake_outbox_oldest_pending_age_seconds", "intake_simulator_lines_total", "jvm_memory_used_bytes");
    assertThat(missingFromScrape(names)).isEmpty();
  }

  @Test
  void everyAlertRuleIsWellFormedAndReadsExposedMetrics() throws Exception {
    List<JsonNode> rules = rules();
    assertThat(rules).extracting(r -> r.get("alert").asText()).contains("IntakeScrapeFailing", "IntakeAbsent",
        "IntakeHttp5xxRatioHigh", "IntakeOutboxOldestTooOld", "IntakeDeadLettersGrowing",
        "IntakeEnrichmentBacklogGrowing", "IntakeCircuitBreakerOpen", "IntakeNotReady");
    Map<String, Set<String>> read = new TreeMap<>();
    for (JsonNode rule : rules) {
      assertThat(rule.path("labels").path("severity").asText()).as(rule.get("alert").asText()).isIn("critical", "warning");
      assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      read.put(rule.get("alert").asText(), PromQl.metricNames(rule.get("expr").asText()));
    }
    Set<String> all = new TreeSet<>();
    read.values().forEach(all::addAll);
    assertThat(missingFromScrape(all)).isEmpty();
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed");
    Process check = new ProcessBuilder("/usr/bin/promtool", "check", "rules", RULES.toString()).redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + rules().size() + " rules found");
  }

  @Test
  void promtoolFindsNothingToLintInIntakesOwnSeries() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed");
    Path scraped = dir.resolve("metrics.txt");
    Files.writeString(scraped, http.get("/metrics").bodyAsString());
    Process lint = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectInput(scraped.toFile())
        .redirectErrorStream(true).start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // Micrometer's own system_cpu_count is the one name promtool's naming lint dislikes.
    List<String> problems = output.lines().filter(l -> !l.isBlank() && !l.startsWith("system_cpu_count ")).toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void aRealPrometheusScrapesIntakeAndEvaluatesEveryRule() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "prometheus is not installed");
    int port = TestApp.freePort();
    Files.copy(RULES, dir.resolve("intake-alerts.yml"));
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [intake-alerts.yml]
        scrape_configs:
          - job_name: intake
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(http.port()));
    Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "prometheus.log")).start();
    WebClient client = WebClient.create(vertx);
    try {
      // up == 1: the scrape succeeded and the text parsed on Prometheus' side.
      TestApp.eventually(Duration.ofSeconds(60), () -> {
        try {
          JsonObject answer = TestApp.await(client.get(port, "127.0.0.1", "/api/v1/query")
              .addQueryParam("query", "up{job=\"intake\"} == 1 and on(instance) intake_ready == 1").send()).bodyAsJsonObject();
          return !answer.getJsonObject("data").getJsonArray("result").isEmpty();
        } catch (AssertionError | RuntimeException e) {
          return false;
        }
      });
      // Every rule evaluated at least once, none with an error.
      TestApp.eventually(Duration.ofSeconds(30), () -> {
        try {
          JsonArray groups = TestApp.await(client.get(port, "127.0.0.1", "/api/v1/rules").send()).bodyAsJsonObject()
              .getJsonObject("data").getJsonArray("groups");
          JsonArray rules = groups.getJsonObject(0).getJsonArray("rules");
          return rules.size() == rules().size() && rules.stream().map(JsonObject.class::cast)
              .allMatch(r -> "ok".equals(r.getString("health")) && r.getString("lastEvaluation", "").compareTo("2000") > 0);
        } catch (Exception e) {
          return false;
        }
      });
      JsonArray firing = TestApp.await(client.get(port, "127.0.0.1", "/api/v1/alerts").send()).bodyAsJsonObject()
          .getJsonObject("data").getJsonArray("alerts");
      // A healthy app: nothing that needs no "for" (dead letters) fires.
      assertThat(firing.stream().map(JsonObject.class::cast).map(a -> a.getJsonObject("labels").getString("alertname")))
          .doesNotContain("IntakeDeadLettersGrowing", "IntakeScrapeFailing");
    } finally {
      client.close();
      prometheus.destroy();
      prometheus.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
