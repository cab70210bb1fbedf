package io.intake.faults;

import io.intake.fakes.FakeLearner;
import io.intake.support.Http;
import io.intake.support.IntakeProcess;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a child Intake (the jar's default set-up: embedded PostgreSQL in a data directory)
 * while clients write to {@code /ingest/demo}, {@code /logs}, {@code /v1/events}, the Alertmanager
 * webhook and outcomes; then a restart on the same directory, several times. Every acknowledged
 * request is stored exactly once; every acknowledged outcome reaches the Learner (a local fake),
 * and how long after the restart the last one arrives is measured.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class CrashFaultTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final int CYCLES = Integer.getInteger("faults.crash.cycles", 3);
  private static final int ACKS_BEFORE_KILL = Integer.getInteger("faults.crash.acks", 100);
  private IntakeProcess child;

  @AfterEach
  void stop() {
    if (child != null && child.alive()) {
      child.kill();
    }
  }

  private static JsonObject overrides(Path data, int port, String learnerUrl) {
    return new JsonObject()
        .put("verticles", new JsonArray(List.of("persistence", "learner", "normalization", "patterns", "http")))
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 1)
            .put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0))))
        .put("simulator", new JsonObject().put("auto_start", false))
        .put("patterns", new JsonObject().put("raise_work_items", false))
        .put("learner", new JsonObject().put("url", learnerUrl))
        .put("database", new JsonObject().put("url", "")
            .put("embedded", new JsonObject().put("data_dir", data.toString()).put("port", 0)));
  }


  @Test
  void kill_minus_9_under_load_loses_and_doubles_nothing(Vertx vertx, @TempDir Path dir) throws Exception {
    FakeLearner learner = new FakeLearner(vertx).start();
    // Slow enough that outcomes are leased and in flight when the process dies.
    learner.mode(FakeLearner.Mode.SLOW);
    learner.slowMs(1000);
    Path data = dir.resolve("data");
    int port = TestApp.freePort();
    child = IntakeProcess.configure(dir, "crash", overrides(data, port, learner.url())).standalone().start();

    Map<String, Map<String, String>> acked = new HashMap<>();
    Map<String, Integer> notAcked = new HashMap<>();
    Set<String> outcomeEvents = new HashSet<>();
    double worstDeliverySeconds = 0;
    double worstReadySeconds = 0;
    List<String> perCycle = new ArrayList<>();
    try (Http http = new Http(vertx, port)) {
      child.awaitReady(http, START);
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        String tag = "c" + cycle + "-" + UUID.randomUUID().toString().substring(0, 6);
        // Open items for the outcome clients, made before the load.
        ConcurrentLinkedQueue<String> targets = new ConcurrentLinkedQueue<>();
        List<Future<?>> made = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          made.add(http.request(HttpMethod.POST, "/ingest/demo").sendJsonObject(new JsonObject().put("service", "crash")
                  .put("severity", "sev3").put("description", "crash-target-" + tag + "-" + i))
              .onSuccess(r -> targets.add(r.bodyAsJsonObject().getString("work_item_id"))));
        }
        TestApp.await(Future.join(new ArrayList<>(made)));

        List<ChildLoad> loads = loads(vertx, port, tag, targets);
        loads.forEach(l -> l.start(vertx, 4));
        // The crash comes once every endpoint has had acknowledged writes, in the middle of the load.
        TestApp.eventually(Duration.ofSeconds(120), () -> loads.stream().allMatch(l -> l.acknowledged.size() >= ACKS_BEFORE_KILL));
        child.kill();
        List<Future<Void>> stopping = new ArrayList<>();
        loads.forEach(l -> stopping.add(l.stop()));
        TestApp.await(Future.join(new ArrayList<>(stopping)));
        for (ChildLoad l : loads) {
          acked.computeIfAbsent(l.name, k -> new HashMap<>()).putAll(l.acknowledged);
          notAcked.merge(l.name, l.notAcknowledged.size(), Integer::sum);
        }
        for (String body : acked.getOrDefault("outcomes", Map.of()).values()) {
          outcomeEvents.add(new JsonObject(body).getString("event_id"));
        }

        child.start();
        long restarted = System.nanoTime();
        child.awaitReady(http, START);
        long ready = System.nanoTime();
        worstReadySeconds = Math.max(worstReadySeconds, (ready - restarted) / 1e9);
        TestApp.eventually(Duration.ofSeconds(150), () -> new HashSet<>(learner.eventIds()).containsAll(outcomeEvents));
        // Entries the dead process had leased (in flight, maybe already received) are settled only
        // once they are sent again: the outbox is drained when nothing is pending any more.
        try (Connection db = connect(data); Statement sql = db.createStatement()) {
          TestApp.eventually(Duration.ofSeconds(150), () -> pending(sql) == 0);
        }
        worstDeliverySeconds = Math.max(worstDeliverySeconds, (System.nanoTime() - ready) / 1e9);
        String tookBack = child.lineOfLatestRun("outbox leases of this node's previous run");
        perCycle.add(String.format("%.1f s (%s)", (System.nanoTime() - ready) / 1e9, tookBack == null ? "no lease taken back"
            : new JsonObject(tookBack).getString("message").replace(" outbox leases of this node's previous run", " leases")));
      }

      try (Connection db = connect(data); Statement sql = db.createStatement()) {
        verifyOnce("/ingest/demo", acked.get("demo").keySet(), count(sql,
            "SELECT description FROM work_items WHERE description LIKE 'crash-demo-%'"), notAcked.get("demo"));
        verifyOnce("/logs", acked.get("logs").keySet(), count(sql,
            "SELECT message FROM log_events WHERE message LIKE 'crash-log-%'"), notAcked.get("logs"));
        verifyOnce("/v1/events", acked.get("events").keySet(), count(sql,
            "SELECT event_id::text FROM agent_events"), notAcked.get("events"));
        verifyOnce("/webhooks/alertmanager", acked.get("alertmanager").keySet(), count(sql,
            "SELECT source_refs->>'fingerprint' FROM work_items WHERE source = 'alertmanager'"), notAcked.get("alertmanager"));
        verifyOnce("outcomes (stored)", outcomeEvents, count(sql, "SELECT event_id FROM outcomes"), notAcked.get("outcomes"));
      }
      Map<String, Integer> deliveries = new HashMap<>();
      learner.eventIds().forEach(e -> deliveries.merge(e, 1, Integer::sum));
      long missing = outcomeEvents.stream().filter(e -> !deliveries.containsKey(e)).count();
      long duplicates = deliveries.values().stream().mapToLong(n -> n - 1).sum();
      FaultReport.check("crash", "kill -9 under load ×" + CYCLES + ", restart on the same data: outcomes reach the Learner",
          outcomeEvents.size() + " acknowledged, " + (outcomeEvents.size() - missing) + " delivered, " + missing
              + " missing; " + duplicates + " duplicate deliveries (at least once)", missing == 0);
      FaultReport.check("crash", "after each restart, seconds from ready until every acknowledged outcome had reached"
          + " the Learner and the outbox was drained, in-flight ones sent again (worst of " + CYCLES
          + "; the Learner answers in 1 s)", String.format(
              "worst %.1f s; per cycle %s; ready at most %.1f s after the restart began; a lease is 71 s",
              worstDeliverySeconds, String.join(", ", perCycle), worstReadySeconds),
          worstDeliverySeconds < 20);
    } finally {
      learner.stop();
    }
  }

  private static void verifyOnce(String endpoint, Set<String> acknowledged, Map<String, Integer> stored, Integer unacknowledged) {
    long missing = acknowledged.stream().filter(k -> !stored.containsKey(k)).count();
    long doubled = stored.values().stream().filter(n -> n > 1).count();
    FaultReport.check("crash", "kill -9 under load ×" + CYCLES + " on " + endpoint + ", restart on the same data",
        acknowledged.size() + " acknowledged, " + missing + " missing, " + doubled + " stored twice ("
            + (unacknowledged == null ? 0 : unacknowledged) + " requests unanswered or refused around the kills)",
        !acknowledged.isEmpty() && missing == 0 && doubled == 0);
  }

  private static Map<String, Integer> count(Statement sql, String query) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        counts.merge(rows.getString(1), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static long pending(Statement sql) {
    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM outcome_outbox WHERE status = 'pending'")) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The child's embedded server, by the port it wrote in postmaster.pid (4th line). */
  static Connection connect(Path data) throws Exception {
    List<String> pid = Files.readAllLines(data.resolve("pgdata/postmaster.pid"));
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres", "postgres", "");
  }

  private static List<ChildLoad> loads(Vertx vertx, int port, String tag, ConcurrentLinkedQueue<String> targets) {
    List<ChildLoad> loads = new ArrayList<>();
    loads.add(new ChildLoad(vertx, port, "demo", 201, n -> {
      String key = "crash-demo-" + tag + "-" + n;
      return new ChildLoad.Shot(key, c -> post(c, "/ingest/demo", new JsonObject().put("service", "crash")
          .put("severity", "sev3").put("description", key)));
    }));
    loads.add(new ChildLoad(vertx, port, "logs", 202, n -> {
      String key = "crash-log-" + tag + "-" + n;
      return new ChildLoad.Shot(key, c -> post(c, "/logs", new JsonObject().put("entries", new JsonArray().add(new JsonObject()
          .put("timestamp", Instant.now().toString()).put("level", "INFO").put("message", key)
          .put("service", "crash").put("host", "h1")))));
    }));
    loads.add(new ChildLoad(vertx, port, "events", 202, n -> {
      String key = UUID.randomUUID().toString();
      return new ChildLoad.Shot(key, c -> post(c, "/v1/events", new JsonObject()
          .put("event_version", "v0").put("event_id", key).put("event_type", "run.started")
          .put("occurred_at", Instant.now().toString())
          .put("tenant", new JsonObject().put("tenant_id", "t1").put("workspace_id", "w1").put("project_id", "p1"))
          .put("run", new JsonObject().put("run_id", "run-" + key).put("agent_id", "a1").put("workflow_id", "wf1")
              .put("status", "started"))));
    }));
    loads.add(new ChildLoad(vertx, port, "alertmanager", 200, n -> {
      String key = "crash" + tag + "x" + n;
      JsonObject alert = new JsonObject().put("status", "firing")
          .put("labels", new JsonObject().put("alertname", "CrashTest").put("service", "crash").put("severity", "warning")
              .put("instance", key))
          .put("annotations", new JsonObject().put("summary", "Crash test alert " + key))
          .put("startsAt", Instant.now().toString()).put("endsAt", "0001-01-01T00:00:00Z")
          .put("generatorURL", "http://prometheus.example/graph").put("fingerprint", key);
      return new ChildLoad.Shot(key, c -> post(c, "/webhooks/alertmanager", new JsonObject().put("version", "4")
          .put("groupKey", "{}:{alertname=\"CrashTest\"}").put("truncatedAlerts", 0).put("status", "firing")
          .put("receiver", "intake").put("groupLabels", new JsonObject()).put("commonLabels", new JsonObject())
          .put("commonAnnotations", new JsonObject()).put("externalURL", "http://alertmanager.example:9093")
          .put("alerts", new JsonArray().add(alert))));
    }));
    loads.add(new ChildLoad(vertx, port, "outcomes", 200, n -> {
      String item = targets.poll();
      return item == null ? null : new ChildLoad.Shot(item,
          c -> post(c, "/work-items/" + item + "/outcome", new JsonObject().put("type", "escalated").put("actor_id", "h1")));
    }));
    return loads;
  }

  private static Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> post(
      io.vertx.ext.web.client.WebClient client, String path, JsonObject body) {
    return client.post(path).putHeader("X-API-Key", TestApp.API_KEY).timeout(10_000).sendJsonObject(body);
  }
}
