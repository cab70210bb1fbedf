package io.intake.faults;

import io.intake.fakes.FakeLearner;
import io.intake.fakes.FakeLlm;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.vectors.FakeWeaviateAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neighbours going away under load: PostgreSQL (a test-owned server stopped and started again),
 * the Learner (down, hanging up, answering garbage, slow), the LLM (failing, slow) and Weaviate
 * (failing). Answers stay bounded and say when to retry, the service recovers without a restart,
 * and nothing acknowledged is lost.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class OutageFaultTest {

  private static ChildLoad demoLoad(Vertx vertx, int port, String tag) {
    return new ChildLoad(vertx, port, "demo", 201, n -> {
      String key = "outage-" + tag + "-" + n;
      return new ChildLoad.Shot(key, c -> c.post("/ingest/demo").putHeader("X-API-Key", TestApp.API_KEY).timeout(15_000)
          .sendJsonObject(new JsonObject().put("service", "outage").put("severity", "sev3").put("description", key)));
    });
  }

  /** The whole program on a fresh test database; the model load can take a while on a busy machine. */
  private static RunningApp startApp(Vertx vertx, JsonObject overrides) {
    String databaseUrl = io.intake.support.TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject().put("database", new JsonObject().put("url", databaseUrl))
        .mergeIn(overrides, true), Duration.ofSeconds(300));
    return new RunningApp(databaseUrl, new Http(vertx, port));
  }

  private static String tally(ChildLoad load) {
    Map<String, Long> out = new java.util.TreeMap<>();
    load.statuses.forEach((k, v) -> out.put(k, v.get()));
    return out.toString();
  }

  @Test
  void postgres_stopped_and_started_under_load(Vertx vertx, @TempDir Path dir) throws Exception {
    int pgPort = TestApp.freePort();
    EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(pgPort).start();
    Vertx app = Vertx.vertx();
    int port = TestApp.freePort();
    TestApp.deploy(app, port, new JsonObject()
        .put("verticles", new io.vertx.core.json.JsonArray(List.of("persistence", "normalization", "http")))
        .put("http", new JsonObject().put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0))))
        .put("database", new JsonObject().put("url", "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres")),
        Duration.ofSeconds(300));
    ChildLoad load = demoLoad(vertx, port, "pg");
    try (Http http = new Http(vertx, port)) {
      load.start(vertx, 8);
      TestApp.eventually(Duration.ofSeconds(60), () -> load.acknowledged.size() >= 200);

      load.resetTally();
      server.close();
      long down = System.nanoTime();
      // The outage lasts 10 s and at least 500 answers.
      TestApp.eventually(Duration.ofSeconds(120), () -> load.count("503") >= 500 && System.nanoTime() - down >= 10_000_000_000L);
      double outageSeconds = (System.nanoTime() - down) / 1e9;
      String during = tally(load);
      long slowest = load.slowestMs.get();
      long withoutRetryAfter = load.unavailableWithoutRetryAfter.get();
      boolean onlyUnavailable = load.statuses.keySet().stream().allMatch(s -> s.equals("503") || s.equals("201"));
      int readyDuring = http.get("/readyz").statusCode();
      int liveDuring = http.get("/healthz").statusCode();

      long acknowledgedBefore = load.acknowledged.size();
      server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(pgPort).start();
      long up = System.nanoTime();
      TestApp.eventually(Duration.ofSeconds(60), () -> load.acknowledged.size() > acknowledgedBefore);
      double recovery = (System.nanoTime() - up) / 1e9;
      TestApp.eventually(Duration.ofSeconds(60), () -> load.acknowledged.size() > acknowledgedBefore + 200);
      TestApp.await(load.stop());

      Map<String, Integer> stored = new HashMap<>();
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT description FROM work_items WHERE description LIKE 'outage-pg-%'")) {
        while (rows.next()) {
          stored.merge(rows.getString(1), 1, Integer::sum);
        }
      }
      long missing = load.acknowledged.keySet().stream().filter(k -> !stored.containsKey(k)).count();
      long doubled = stored.values().stream().filter(n -> n > 1).count();

      FaultReport.check("PostgreSQL", String.format("stopped for %.1f s under 8 concurrent writers of /ingest/demo: every answer"
              + " 503 with Retry-After, none slow", outageSeconds),
          "answers during the outage " + during + ", slowest " + slowest + " ms, " + withoutRetryAfter
              + " without Retry-After; /readyz " + readyDuring + ", /healthz " + liveDuring,
          onlyUnavailable && withoutRetryAfter == 0 && slowest <= 6000 && readyDuring == 503 && liveDuring == 200);
      FaultReport.check("PostgreSQL", "started again: writes succeed without restarting Intake",
          String.format("first 201 %.2f s after the server was back", recovery), recovery < 30);
      FaultReport.check("PostgreSQL", "every acknowledged write stored exactly once across the outage",
          load.acknowledged.size() + " acknowledged, " + missing + " missing, " + doubled + " stored twice",
          missing == 0 && doubled == 0);
    } finally {
      TestApp.await(app.close());
      server.close();
    }
  }

  @Test
  void learner_down_hanging_up_garbage_and_slow(Vertx vertx) {
    FakeLearner learner = new FakeLearner(vertx).start();
    JsonObject overrides = new JsonObject()
        .put("verticles", new io.vertx.core.json.JsonArray(List.of("persistence", "learner", "normalization", "http")))
        .put("learner", new JsonObject().put("url", learner.url()).put("request_timeout_ms", 1000)
            .put("backoff_base_ms", 200).put("backoff_max_ms", 2000)
            .put("breaker", new JsonObject().put("max_failures", 5).put("reset_timeout_ms", 1000)));
    try (RunningApp app = startApp(vertx, overrides)) {
      Http http = app.http();
      ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < 160; i++) {
        items.add(http.postJson("/ingest/demo", new JsonObject().put("service", "learner-outage").put("severity", "sev3")
            .put("description", "learner outage item " + i)).bodyAsJsonObject().getString("work_item_id"));
      }
      String[] phases = {"down (port closed)", "hanging up without an answer", "answering 502 with an HTML page",
          "slower than the request timeout (3 s vs 1 s)"};
      for (String phase : phases) {
        switch (phase.substring(0, 4)) {
          case "down" -> learner.stop();
          case "hang" -> learner.mode(FakeLearner.Mode.HANG_UP);
          case "answ" -> learner.mode(FakeLearner.Mode.GARBAGE);
          default -> {
            learner.mode(FakeLearner.Mode.SLOW);
            learner.slowMs(3000);
          }
        }
        long failedBefore = http.get("/stats").bodyAsJsonObject().getJsonObject("learner").getLong("failed_attempts_total", 0L);
        Set<String> events = new HashSet<>();
        long slowestAckMs = 0;
        for (int i = 0; i < 40; i++) {
          long sent = System.nanoTime();
          var answer = http.postJson("/work-items/" + items.poll() + "/outcome",
              new JsonObject().put("type", "escalated").put("actor_id", "h1"));
          slowestAckMs = Math.max(slowestAckMs, (System.nanoTime() - sent) / 1_000_000);
          if (answer.statusCode() == 200) {
            events.add(answer.bodyAsJsonObject().getString("event_id"));
          }
        }
        // The forwarder has met the fault before the Learner comes back.
        TestApp.eventually(Duration.ofSeconds(30), () -> http.get("/stats").bodyAsJsonObject().getJsonObject("learner")
            .getLong("failed_attempts_total", 0L) > failedBefore);
        if (phase.startsWith("down")) {
          learner.start();
        }
        learner.mode(FakeLearner.Mode.OK);
        long back = System.nanoTime();
        boolean delivered;
        try {
          TestApp.eventually(Duration.ofSeconds(60), () -> new HashSet<>(learner.eventIds()).containsAll(events));
          delivered = true;
        } catch (AssertionError e) {
          delivered = false;
        }
        double seconds = (System.nanoTime() - back) / 1e9;
        JsonObject stats = http.get("/stats").bodyAsJsonObject().getJsonObject("learner");
        FaultReport.check("Learner", "Learner " + phase + " while 40 outcomes are recorded; then back",
            String.format("40 acknowledged (slowest %d ms), all delivered %.1f s after it was back; breaker opened %s times so far",
                slowestAckMs, seconds, stats.getValue("breaker_opened_total", "?")),
            events.size() == 40 && delivered && slowestAckMs < 2000);
      }
    } finally {
      learner.stop();
    }
  }

  @Test
  void llm_failing_then_slow(Vertx vertx) {
    FakeLlm llm = new FakeLlm(vertx).start();
    JsonObject overrides = new JsonObject()
        .put("llm", new JsonObject().put("base_url", llm.baseUrl()).put("api_key", "sk-test").put("model", "gpt-test")
            .put("timeout_ms", 1000).put("max_retries", 1).put("backoff_base_ms", 50).put("backoff_max_ms", 200)
            .put("breaker", new JsonObject().put("max_failures", 5).put("reset_timeout_ms", 1000)));
    try (RunningApp app = startApp(vertx, overrides)) {
      Http http = app.http();
      for (FakeLlm.Mode mode : new FakeLlm.Mode[] {FakeLlm.Mode.FAIL, FakeLlm.Mode.SLOW}) {
        llm.mode(mode);
        llm.slowMs(5000);
        List<String> ids = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
          long sent = System.nanoTime();
          var created = http.postJson("/ingest/demo", new JsonObject().put("service", "llm-outage").put("severity", "sev3")
              .put("description", "Upstream " + mode + " case " + i + ": connection reset by peer on checkout"));
          slowest = Math.max(slowest, (System.nanoTime() - sent) / 1_000_000);
          ids.add(created.bodyAsJsonObject().getString("work_item_id"));
        }
        long begun = System.nanoTime();
        boolean indexed;
        try {
          TestApp.eventually(Duration.ofSeconds(90), () -> ids.stream().allMatch(id -> "indexed".equals(
              http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state"))));
          indexed = true;
        } catch (AssertionError e) {
          indexed = false;
        }
        double seconds = (System.nanoTime() - begun) / 1e9;
        long byRules = ids.stream().filter(id -> "rules".equals(http.get("/work-items/" + id).bodyAsJsonObject()
            .getString("description_source"))).count();
        FaultReport.check("LLM", "LLM endpoint " + (mode == FakeLlm.Mode.FAIL ? "answering 500" : "slower than its timeout (5 s vs 1 s)")
                + " while 20 items arrive",
            String.format("20 stored (slowest 201: %d ms); all indexed within %.1f s, %d cleaned by the rules instead",
                slowest, seconds, byRules), indexed && slowest < 2000 && byRules == 20);
      }
    } finally {
      llm.stop();
    }
  }

  @Test
  void weaviate_failing(Vertx vertx) {
    FakeWeaviateAccess weaviate = FakeWeaviateAccess.start(vertx);
    JsonObject overrides = new JsonObject()
        .put("vectors", new JsonObject().put("weaviate", new JsonObject().put("url", weaviate.url()).put("timeout_ms", 10_000)))
        .put("enrichment", new JsonObject().put("stale_after_seconds", 1).put("sweep_interval_ms", 500).put("retry_delay_ms", 200));
    try (RunningApp app = startApp(vertx, overrides)) {
      Http http = app.http();
      weaviate.fail(true);
      List<String> ids = new ArrayList<>();
      long slowest = 0;
      for (int i = 0; i < 20; i++) {
        long sent = System.nanoTime();
        ids.add(http.postJson("/ingest/demo", new JsonObject().put("service", "weaviate-outage").put("severity", "sev3")
            .put("description", "Checkout latency above 2 s in zone " + i)).bodyAsJsonObject().getString("work_item_id"));
        slowest = Math.max(slowest, (System.nanoTime() - sent) / 1_000_000);
      }
      var search = http.postJson("/search", new JsonObject().put("text", "checkout latency"));
      TestApp.eventually(Duration.ofSeconds(60), () -> ids.stream().allMatch(id -> "embedded".equals(
          http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state"))));
      weaviate.fail(false);
      long back = System.nanoTime();
      boolean indexed;
      try {
        TestApp.eventually(Duration.ofSeconds(90), () -> ids.stream().allMatch(id -> "indexed".equals(
            http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state"))));
        indexed = true;
      } catch (AssertionError e) {
        indexed = false;
      }
      double seconds = (System.nanoTime() - back) / 1e9;
      FaultReport.check("Weaviate", "Weaviate answering 500 while 20 items arrive and a search is made; then back",
          String.format("20 stored (slowest 201: %d ms); search answered %d%s; all indexed %.1f s after it was back",
              slowest, search.statusCode(), search.getHeader("Retry-After") == null ? "" : " with Retry-After", seconds),
          indexed && slowest < 2000 && search.statusCode() == 503 && search.getHeader("Retry-After") != null);
    } finally {
      weaviate.stop();
    }
  }
}
