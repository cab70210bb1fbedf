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
  void aSemanticTwinWithoutNativeIdentityIsMergedExplainedAndCanBeSplit(Vertx vertx) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.WORKITEM_UPDATED, m -> events.add(m.body()));
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true))))) {
      Http http = app.http();
      String first = create(http, "payments", "Database connection timeout after 30s on db-primary", null);
      indexed(http, first);
      String twin = create(http, "payments", "Database connection timed out after 31s on db-primary", null);
      JsonObject merged = indexed(http, twin);
      // Merged, explained, and still its own open item: listed under status=open.
      assertThat(merged.getString("status")).isEqualTo("open");
      assertThat(merged.getString("merged_into")).isEqualTo(first);
      JsonObject why = merged.getJsonObject("merge");
      assertThat(why.getString("kind")).isEqualTo("semantic");
      assertThat(why.getString("into")).isEqualTo(first);
      assertThat(why.getDouble("score")).isGreaterThanOrEqualTo(0.75);
      assertThat(why.getString("model")).isEqualTo("all-minilm-l6-v2-q");
      assertThat(why.getDouble("threshold")).isEqualTo(0.75);
      assertThat(why.getString("merged_at")).isNotNull();
      assertThat(http.get("/work-items/" + first).bodyAsJsonObject().getInteger("occurrence_count")).isEqualTo(2);
      assertThat(ids(http, "/work-items?status=open&service=payments")).containsExactlyInAnyOrder(first, twin);
      assertThat(ids(http, "/work-items?status=open&service=payments&merged=false")).containsExactly(first);
      assertThat(ids(http, "/work-items?merged_into=" + first)).containsExactly(twin);
      assertThat(http.get("/work-items?status=duplicate").statusCode()).isEqualTo(400);

      JsonObject folded = http.get("/work-items/" + first + "/merges").bodyAsJsonObject();
      assertThat(folded.getJsonObject("identity").getBoolean("native")).isFalse();
      assertThat(folded.getJsonArray("merged")).hasSize(1);
      assertThat(folded.getJsonArray("merged").getJsonObject(0).getString("id")).isEqualTo(twin);
      assertThat(folded.getJsonArray("merged").getJsonObject(0).getString("state")).isEqualTo("merged");

      // Another service's identical text is its own item; so is an unrelated text of the same service.
      assertThat(indexed(http, create(http, "search", "Database connection timeout after 30s on db-primary", null))
          .getString("merged_into")).isNull();
      assertThat(indexed(http, create(http, "payments", "Refund emails are not sent to customers", null))
          .getString("merged_into")).isNull();

      // Split: the twin is its own item again, the target's count corrected, events, a labelled pair.
      var split = http.postJson("/work-items/" + twin + "/split",
          new JsonObject().put("actor_id", "sre-1").put("reason", "different database"));
      assertThat(split.statusCode()).isEqualTo(200);
      assertThat(split.bodyAsJsonObject().getString("split_from")).isEqualTo(first);
      JsonObject alone = http.get("/work-items/" + twin).bodyAsJsonObject();
      assertThat(alone.getString("merged_into")).isNull();
      assertThat(alone.getValue("merge")).isNull();
      assertThat(alone.getString("status")).isEqualTo("open");
      assertThat(http.get("/work-items/" + first).bodyAsJsonObject().getInteger("occurrence_count")).isEqualTo(1);
      TestApp.eventually(DEADLINE, () -> events.stream().anyMatch(e -> "split".equals(e.getString("cause"))
          && twin.equals(e.getString("work_item_id"))) && events.stream().anyMatch(e -> "split".equals(e.getString("cause"))
          && first.equals(e.getString("work_item_id"))));
      assertThat(http.get("/work-items/" + first + "/merges").bodyAsJsonObject().getJsonArray("merged").getJsonObject(0)
          .getString("state")).isEqualTo("split");
      JsonObject pairs = http.get("/work-items/splits").bodyAsJsonObject();
      JsonObject pair = pairs.getJsonArray("splits").getJsonObject(0);
      assertThat(pair.getString("work_item_id")).isEqualTo(twin);
      assertThat(pair.getString("target_id")).isEqualTo(first);
      assertThat(pair.getInteger("label")).isZero();
      assertThat(pair.getString("actor_id")).isEqualTo("sre-1");
      assertThat(pair.getString("item_text")).contains("31s");
      String csv = http.get("/work-items/splits?format=csv").bodyAsString();
      assertThat(csv).startsWith("id,service,text_a,text_b,duplicate,").contains(",payments,").contains(",false,");
      // Not merged any more: 409; unknown: 404; a bad body: 400 naming the field.
      assertThat(http.postJson("/work-items/" + twin + "/split", new JsonObject()).statusCode()).isEqualTo(409);
      assertThat(http.post("/work-items/wi_nope/split", null, null).statusCode()).isEqualTo(404);
      var bad = http.postJson("/work-items/" + twin + "/split", new JsonObject().put("actor_id", 7));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("actor_id");
      assertThat(http.get("/work-items/splits?limit=0").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void whenTheTargetResolvesItsLiveMembersAreTheirOwnAgain(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true))))) {
      Http http = app.http();
      String first = create(http, "payments", "Database connection timeout after 30s on db-primary", null);
      indexed(http, first);
      String twin = create(http, "payments", "Database connection timed out after 31s on db-primary", null);
      assertThat(indexed(http, twin).getString("merged_into")).isEqualTo(first);

      assertThat(http.postJson("/work-items/" + first + "/outcome",
          new JsonObject().put("type", "resolved").put("actor_id", "sre-1")).statusCode()).isEqualTo(200);
      JsonObject released = http.get("/work-items/" + twin).bodyAsJsonObject();
      assertThat(released.getString("status")).isEqualTo("open");
      assertThat(released.getString("merged_into")).isNull();
      assertThat(ids(http, "/work-items?status=open&service=payments&merged=false")).containsExactly(twin);
      assertThat(http.get("/work-items/" + first + "/merges").bodyAsJsonObject().getJsonArray("merged").getJsonObject(0)
          .getString("state")).isEqualTo("released");
      // Released, not split: there is nothing to undo.
      assertThat(http.postJson("/work-items/" + twin + "/split", new JsonObject()).statusCode()).isEqualTo(409);

      // The released item is a merge target again (the index follows): the same problem folds into it.
      TestApp.eventually(DEADLINE, () -> {
        String again = create(http, "payments", "Database connection timeout after 30s on db-primary", null);
        return twin.equals(indexed(http, again).getString("merged_into"));
      });
    }
  }

  @Test
  void lookAlikesWithNativeIdentitiesAreRelatedNeverMerged(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true))))) {
      Http http = app.http();
      List<String> ids = new java.util.ArrayList<>();
      for (String key : List.of("pd-web-1", "pd-web-2", "pd-web-3")) {
        var r = http.postJson("/webhooks/pagerduty", new JsonObject()
            .put("routing_key", "R0123456789abcdef0123456789abcde").put("event_action", "trigger").put("dedup_key", key)
            .put("payload", new JsonObject().put("summary", "High request latency on the web tier")
                .put("source", key).put("severity", "warning").put("component", "web")));
        assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201, 202);
      }
      TestApp.eventually(DEADLINE, () -> http.get("/work-items?service=web").bodyAsJsonObject()
          .getLong("total") == 3);
      http.get("/work-items?service=web").bodyAsJsonObject().getJsonArray("work_items")
          .forEach(o -> ids.add(((JsonObject) o).getString("id")));
      assertThat(ids).hasSize(3);
      for (String id : ids) {
        JsonObject item = indexed(http, id);
        assertThat(item.getString("merged_into")).isNull();
        assertThat(item.getJsonObject("identity").getBoolean("native")).isTrue();
      }
      assertThat(ids(http, "/work-items?status=open&service=web")).containsExactlyInAnyOrderElementsOf(ids);
      for (String id : ids) {
        JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
        assertThat(item.getJsonArray("related").stream().map(o -> ((JsonObject) o).getString("id")).toList())
            .as("related to the two others").containsExactlyInAnyOrderElementsOf(ids.stream().filter(i -> !i.equals(id)).toList());
        assertThat(ids(http, "/work-items?related_to=" + id)).containsExactlyInAnyOrderElementsOf(
            ids.stream().filter(i -> !i.equals(id)).toList());
        assertThat(item.getInteger("occurrence_count")).isEqualTo(1);
      }
    }
  }

  private static List<String> ids(Http http, String path) {
    var response = http.get(path);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("work_items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
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
