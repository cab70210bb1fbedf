package io.intake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.IntakeProcess;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrichment state is committed without waiting for the disk flush because it can be recomputed
 * from the stored item. This kills Intake (a child process, embedded PostgreSQL) and its PostgreSQL
 * with SIGKILL while items are being enriched — what the server had not yet flushed is gone — then
 * restarts on the same data directory: every acknowledged item is still stored and ends indexed
 * with its vector. A lost enrichment write is redone; an item is never lost.
 */
@ExtendWith(VertxExtension.class)
class EnrichmentCrashRedoTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final int ITEMS = 240;
  private IntakeProcess child;

  @AfterEach
  void stop() {
    if (child != null && child.alive()) {
      child.kill();
    }
  }

  private static JsonObject overrides(Path data, int port) {
    return new JsonObject()
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 1)
            .put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0))))
        .put("simulator", new JsonObject().put("auto_start", false))
        .put("patterns", new JsonObject().put("raise_work_items", false))
        // Items a pass claimed before the crash are swept again soon after the restart.
        .put("enrichment", new JsonObject().put("stale_after_seconds", 5).put("sweep_interval_ms", 1000))
        .put("database", new JsonObject().put("url", "")
            .put("embedded", new JsonObject().put("data_dir", data.toString()).put("port", 0)));
  }


  @Test
  void kill_minus_9_mid_enrichment_redoes_lost_enrichment_and_loses_no_item(Vertx vertx, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    int port = TestApp.freePort();
    child = IntakeProcess.configure(dir, "enrichment-crash", overrides(data, port)).standalone().start();
    Set<String> acknowledged;
    try (Http http = new Http(vertx, port)) {
      child.awaitReady(http, START);
      acknowledged = postItems(http, i -> new JsonObject()
          .put("service", "redo-" + (i % 7)).put("severity", "sev3")
          .put("description", "disk " + i + " on host-" + (i * 31 % 97) + " reported error code E" + (i * 7919 % 10007)));

      // Mid-enrichment: some items indexed, others still waiting.
      long[] indexedBeforeKill = new long[1];
      try (Connection db = CrashFaultTest.connect(data); Statement sql = db.createStatement()) {
        TestApp.eventually(Duration.ofSeconds(120), () -> (indexedBeforeKill[0] = indexed(sql, "redo-%")) >= 10);
      }
      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pgdata/postmaster.pid")).get(0).strip());
      ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
      child.kill();
      TestApp.eventually(Duration.ofSeconds(30), () -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
      assertThat(indexedBeforeKill[0]).as("killed while items were still waiting").isLessThan(ITEMS);

      child.start();
      child.awaitReady(http, START);
      try (Connection db = CrashFaultTest.connect(data); Statement sql = db.createStatement()) {
        TestApp.eventually(Duration.ofSeconds(240), () -> indexed(sql, "redo-%") == ITEMS);
        Set<String> stored = new HashSet<>();
        try (ResultSet rows = sql.executeQuery(
            "SELECT id FROM work_items WHERE enrichment_state = 'indexed' AND embedding IS NOT NULL "
                + "AND embedding_3d_x IS NOT NULL AND service LIKE 'redo-%'")) {
          while (rows.next()) {
            stored.add(rows.getString(1));
          }
        }
        assertThat(stored).as("every acknowledged item stored, indexed, with its vector and coordinates")
            .isEqualTo(acknowledged);
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n" + child.tail(30), e);
    }
  }

  /**
   * SIGTERM while the model is running: ONNX Runtime's own exit hook used to free its environment
   * under the running call and the JVM died with SIGSEGV (embedded PostgreSQL left behind). Now the
   * shutdown completes: exit 143, no fatal error, the server stopped, and the items left waiting are
   * enriched after the restart.
   */
  @Test
  void sigterm_while_the_model_runs_shuts_down_cleanly(Vertx vertx, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    int port = TestApp.freePort();
    child = IntakeProcess.configure(dir, "enrichment-sigterm", overrides(data, port)).standalone().start();
    try (Http http = new Http(vertx, port)) {
      child.awaitReady(http, START);
      postItems(http, i -> new JsonObject()
          .put("service", "term-" + (i % 5)).put("severity", "sev3")
          .put("description", "queue " + i + " on node-" + (i * 13 % 89) + " stalled with code Q" + (i * 7907 % 10009)));
      try (Connection db = CrashFaultTest.connect(data); Statement sql = db.createStatement()) {
        TestApp.eventually(Duration.ofSeconds(120), () -> indexed(sql, "term-%") >= 5);
        assertThat(indexed(sql, "term-%")).as("signalled while items were still waiting for the model").isLessThan(ITEMS);
      }
      child.terminate();
      Integer status = child.awaitExit(Duration.ofSeconds(60));
      assertThat(status).as("exit status after SIGTERM (143 = the JVM's own for the signal)\n" + child.tail(15)).isEqualTo(143);
      assertThat(child.tail(200)).doesNotContain("A fatal error has been detected").doesNotContain("SIGSEGV");
      assertThat(data.resolve("pgdata/postmaster.pid")).as("the embedded PostgreSQL stopped with it").doesNotExist();
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
      }

      child.start();
      child.awaitReady(http, START);
      try (Connection db = CrashFaultTest.connect(data); Statement sql = db.createStatement()) {
        TestApp.eventually(Duration.ofSeconds(240), () -> indexed(sql, "term-%") == ITEMS);
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n" + child.tail(30), e);
    }
  }

  /**
   * SIGTERM while the model's session is being created (start-up, or a restart at 1M items where
   * the index loads beside the model): ONNX Runtime's exit hook was taken out only after the model
   * had loaded, so the signal freed its environment under {@code createSession} (SIGSEGV). Now the
   * hook goes as soon as the environment exists: exit 143, no fatal error, PostgreSQL stopped.
   */
  @Test
  void sigterm_while_the_model_loads_shuts_down_cleanly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    child = IntakeProcess.configure(dir, "model-load-sigterm", overrides(data, TestApp.freePort())).standalone().start();
    TestApp.eventually(START, () -> child.tail(400).contains("embedding model loading"));
    child.terminate();
    Integer status = child.awaitExit(Duration.ofSeconds(60));
    String tail = child.tail(200);
    assertThat(status).as("exit status after SIGTERM\n" + child.tail(15)).isEqualTo(143);
    assertThat(tail).doesNotContain("A fatal error has been detected").doesNotContain("SIGSEGV");
    assertThat(data.resolve("pgdata/postmaster.pid")).as("the embedded PostgreSQL stopped with it").doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  /** Posts {@link #ITEMS} demo items at once; every one is created (201); their ids. */
  private static Set<String> postItems(Http http, java.util.function.IntFunction<JsonObject> item) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      sent.add(http.request(HttpMethod.POST, "/ingest/demo").sendJsonObject(item.apply(i)));
    }
    TestApp.await(Future.join(new ArrayList<>(sent)));
    Set<String> acknowledged = new HashSet<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      assertThat(f.result().statusCode()).isEqualTo(201);
      acknowledged.add(f.result().bodyAsJsonObject().getString("work_item_id"));
    }
    assertThat(acknowledged).hasSize(ITEMS);
    return acknowledged;
  }

  /** Indexed items of the services named {@code servicePattern} (SQL LIKE). */
  private static long indexed(Statement sql, String servicePattern) {
    try (ResultSet rows = sql.executeQuery(
        "SELECT count(*) FROM work_items WHERE enrichment_state = 'indexed' AND service LIKE '" + servicePattern + "'")) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
