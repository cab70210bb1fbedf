package io.intake.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.fakes.FakeLlm;
import io.intake.llm.RulesCleaner;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole enrichment flow through the real program: rules (or LLM) cleaning, the real local
 * model, the embedded index in PostgreSQL, semantic dedup, the 3D projection, similarity search,
 * and resumption of unfinished items after a restart.
 */
@ExtendWith(VertxExtension.class)
class EnrichmentFlowTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  static String create(Http http, String service, String description, String rawLog) {
    JsonObject body = new JsonObject().put("service", service).put("severity", "sev2").put("description", description);
    if (rawLog != null) {
      body.put("raw_log", rawLog);
    }
    var response = http.postJson("/ingest/demo", body);
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("work_item_id");
  }

  static JsonObject indexed(Http http, String id) {
    TestApp.eventually(DEADLINE, () -> "indexed".equals(
        http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state")));
    return http.get("/work-items/" + id).bodyAsJsonObject();
  }

  @Test
  void itemsAreCleanedEmbeddedProjectedAndSearchable(Vertx vertx) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.WORKITEM_UPDATED, m -> events.add(m.body()));
    try (RunningApp app = RunningApp.start(vertx)) {
      Http http = app.http();
      String db = create(http, "checkout", "Database connection timeout",
          "[2024-01-15 10:30:00,123 ERROR] Database connection timeout");
      String disk = create(http, "checkout", "Disk full on /var/lib/postgresql on node-3", null);
      String login = create(http, "auth", "Users cannot log in: login page answers HTTP 500", null);
      String tls = create(http, "cdn", "TLS certificate for shop.example.com expires in 2 days", null);

      JsonObject item = indexed(http, db);
      assertThat(item.getString("description")).isEqualTo("Database connection timeout");
      assertThat(item.getString("raw_log")).isEqualTo("[2024-01-15 10:30:00,123 ERROR] Database connection timeout");
      assertThat(item.getString("description_source")).isEqualTo("rules");
      assertThat(item.getString("description_model")).isEqualTo(RulesCleaner.MODEL);
      assertThat(item.getString("embedding_model")).isEqualTo("all-minilm-l6-v2-q");
      assertThat(item.getInteger("embedding_dim")).isEqualTo(384);
      for (String id : List.of(disk, login, tls)) {
        indexed(http, id);
      }
      // Four items: the projection has been fitted and every item has coordinates that differ.
      TestApp.eventually(DEADLINE, () -> List.of(db, disk, login, tls).stream()
          .map(id -> http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("embedding_3d"))
          .allMatch(xyz -> xyz != null && (xyz.getFloat("x") != 0 || xyz.getFloat("y") != 0)));
      Integer bytes = TestPostgres.query(app.databaseUrl(),
          "SELECT octet_length(embedding) FROM work_items WHERE id = '" + db + "'", rs -> {
            rs.next();
            return rs.getInt(1);
          });
      assertThat(bytes).isEqualTo(384 * 4);

      JsonObject similar = http.get("/work-items/" + db + "/similar?k=3").bodyAsJsonObject();
      JsonArray results = similar.getJsonArray("results");
      assertThat(results).hasSize(3);
      assertThat(results.stream().map(r -> ((JsonObject) r).getJsonObject("work_item").getString("id")))
          .doesNotContain(db).containsExactlyInAnyOrder(disk, login, tls);
      double previous = 2;
      for (Object r : results) {
        double score = ((JsonObject) r).getDouble("score");
        assertThat(score).isLessThanOrEqualTo(previous);
        previous = score;
      }

      JsonObject search = http.postJson("/search", new JsonObject().put("text", "sign-in broken, error 500 on login").put("k", 2))
          .bodyAsJsonObject();
      assertThat(search.getJsonArray("results").getJsonObject(0).getJsonObject("work_item").getString("id")).isEqualTo(login);
      JsonObject filtered = http.postJson("/search", new JsonObject().put("text", "sign-in broken").put("service", "checkout"))
          .bodyAsJsonObject();
      assertThat(filtered.getJsonArray("results").stream()
          .map(r -> ((JsonObject) r).getJsonObject("work_item").getString("service"))).containsOnly("checkout");

      assertThat(events).anySatisfy(e -> {
        assertThat(e.getString("work_item_id")).isEqualTo(db);
        assertThat(e.getString("cause")).isEqualTo("enrichment");
        assertThat(e.getJsonObject("changes").getString("enrichment_state")).isEqualTo("indexed");
      });

      assertThat(http.get("/work-items/wi_nope/similar").statusCode()).isEqualTo(404);
      assertThat(http.get("/work-items/" + db + "/similar?k=0").bodyAsJsonObject().getJsonArray("details").getJsonObject(0)
          .getString("field")).isEqualTo("k");
      assertThat(http.postJson("/search", new JsonObject().put("text", " ")).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aSemanticTwinOfAnOpenItemIsLinkedInsteadOfOpened(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true))))) {
      Http http = app.http();
      String first = create(http, "payments", "Database connection timeout after 30s on db-primary", null);
      indexed(http, first);
      String twin = create(http, "payments", "Database connection timed out after 31s on db-primary", null);
      JsonObject linked = indexed(http, twin);
      assertThat(linked.getString("status")).isEqualTo("duplicate");
      assertThat(linked.getString("duplicate_of")).isEqualTo(first);
      assertThat(linked.getDouble("duplicate_score")).isGreaterThanOrEqualTo(0.75);
      assertThat(http.get("/work-items/" + first).bodyAsJsonObject().getInteger("occurrence_count")).isEqualTo(2);

      // Another service's identical text is its own item; so is an unrelated text of the same service.
      assertThat(indexed(http, create(http, "search", "Database connection timeout after 30s on db-primary", null))
          .getString("status")).isEqualTo("open");
      assertThat(indexed(http, create(http, "payments", "Refund emails are not sent to customers", null))
          .getString("status")).isEqualTo("open");

      // Once the first is resolved, the same problem opens a new item.
      assertThat(http.postJson("/work-items/" + first + "/outcome",
          new JsonObject().put("type", "resolved").put("actor_id", "sre-1")).statusCode()).isEqualTo(200);
      TestApp.eventually(DEADLINE, () -> {
        String again = create(http, "payments", "Database connection timeout after 30s on db-primary", null);
        return "open".equals(indexed(http, again).getString("status"));
      });
      assertThat(http.get("/work-items?status=duplicate&service=payments").bodyAsJsonObject().getLong("total")).isEqualTo(1);
    }
  }

  @Test
  void unfinishedItemsAreResumedAfterARestart(Vertx vertx) {
    String databaseUrl = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    // First run: no cleaning/embedding roles, so items stay pending (as after a crash mid-way).
    String partial = TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("verticles", new JsonArray(List.of("persistence", "embedding", "vectors", "normalization", "http"))));
    List<String> ids;
    try (Http http = new Http(vertx, port)) {
      ids = List.of(create(http, "api", "Cache miss storm on redis-7", null),
          create(http, "api", "Kafka consumer lag above 1M messages on orders topic", null),
          create(http, "api", "[2024-05-01 00:00:01 WARN] Pod api-7f9 restarted 12 times (CrashLoopBackOff)", null));
      JsonObject pending = http.get("/work-items/" + ids.get(0)).bodyAsJsonObject();
      assertThat(pending.getJsonObject("enrichment").getString("state")).isEqualTo("pending");
      var notYet = http.get("/work-items/" + ids.get(0) + "/similar");
      assertThat(notYet.statusCode()).isEqualTo(409);
      assertThat(notYet.bodyAsJsonObject().getString("message")).contains("no vector yet");
    }
    TestApp.await(vertx.undeploy(partial));

    int port2 = TestApp.freePort();
    TestApp.deployOn(vertx, port2, databaseUrl);
    try (Http http = new Http(vertx, port2)) {
      for (String id : ids) {
        JsonObject item = indexed(http, id);
        assertThat(item.getInteger("embedding_dim")).isEqualTo(384);
        assertThat(item.getJsonObject("enrichment").getInteger("attempts")).isGreaterThanOrEqualTo(1);
      }
      assertThat(http.get("/work-items/" + ids.get(2)).bodyAsJsonObject().getString("description"))
          .isEqualTo("Pod api-7f9 restarted 12 times (CrashLoopBackOff)");
    }
  }

  @Test
  void whenEmbeddingIsDownTheCleanedDescriptionIsKeptAndTheItemWaitsAtCleaned(Vertx vertx) {
    String databaseUrl = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("enrichment", new JsonObject().put("retry_delay_ms", 60_000))
        .put("verticles", new JsonArray(List.of("persistence", "llm", "vectors", "enrichment", "normalization", "http"))));
    try (Http http = new Http(vertx, port)) {
      String id = create(http, "api", "x", "[2024-05-01 00:00:01 ERROR] Payment gateway returned 502");
      // Two writes: the cleaned description (state cleaned), then the failed stage's error.
      TestApp.eventually(DEADLINE, () -> {
        JsonObject enrichment = http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment");
        return "cleaned".equals(enrichment.getString("state")) && enrichment.getString("error") != null;
      });
      JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
      assertThat(item.getString("description")).isEqualTo("Payment gateway returned 502");
      assertThat(item.getString("description_source")).isEqualTo("rules");
      assertThat(item.getString("raw_log")).isEqualTo("[2024-05-01 00:00:01 ERROR] Payment gateway returned 502");
      assertThat(item.getJsonObject("enrichment").getString("error")).startsWith("embed:");
      assertThat(item.getInteger("embedding_dim")).isNull();
    }
  }

  @Test
  void aConfiguredLlmWritesTheDescription(Vertx vertx) {
    FakeLlm llm = new FakeLlm(vertx).start();
    try (RunningApp app = RunningApp.start(vertx, new JsonObject().put("llm", new JsonObject()
        .put("base_url", llm.baseUrl()).put("api_key", "sk-test").put("model", "gpt-test")))) {
      String id = create(app.http(), "api", "Timeout calling inventory", "ERROR Timeout calling inventory");
      JsonObject item = indexed(app.http(), id);
      assertThat(item.getString("description")).isEqualTo("LLM: ERROR TIMEOUT CALLING INVENTORY");
      assertThat(item.getString("description_source")).isEqualTo("llm");
      assertThat(item.getString("description_model")).isEqualTo("gpt-test");
      assertThat(item.getString("raw_log")).isEqualTo("ERROR Timeout calling inventory");

      // The model goes down: items still get a description, from the rules.
      llm.mode(FakeLlm.Mode.FAIL);
      JsonObject fallback = indexed(app.http(), create(app.http(), "api", "x", "WARN Slow query on orders table"));
      assertThat(fallback.getString("description_source")).isEqualTo("rules");
      assertThat(fallback.getString("description")).isEqualTo("Slow query on orders table");
    }
  }
}
