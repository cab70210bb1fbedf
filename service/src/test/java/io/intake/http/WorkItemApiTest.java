package io.intake.http;

import static io.intake.support.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 000's work-item endpoints over real HTTP against the whole program and a real PostgreSQL. */
@ExtendWith(VertxExtension.class)
class WorkItemApiTest {

  private static RunningApp app;
  private static String databaseUrl;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    databaseUrl = app.databaseUrl();
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String uniqueService() {
    return "svc-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonObject demo(String service, String severity, String description) {
    return new JsonObject().put("service", service).put("severity", severity).put("description", description);
  }

  private static String create(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/ingest/demo", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("work_item_id");
  }

  @Test
  void demo_ingest_answers_201_in_the_seed_shape_and_stores_the_item() {
    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<Buffer> response = http.postJson("/ingest/demo",
        demo("api-service", "sev1", "High error rate detected: 500 errors/sec on /api/v1/users endpoint"));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("work_item_id", "created_at", "message");
    assertThat(body.getString("work_item_id")).matches("wi_[a-z0-9]{20}");
    assertThat(body.getString("message")).isEqualTo("WorkItem created successfully");
    assertThat(Instant.parse(body.getString("created_at"))).isAfter(before);

    JsonObject item = http.get("/work-items/" + body.getString("work_item_id")).bodyAsJsonObject();
    assertThat(item.getString("id")).isEqualTo(body.getString("work_item_id"));
    assertThat(item.getString("type")).isEqualTo("incident");
    assertThat(item.getString("service")).isEqualTo("api-service");
    assertThat(item.getString("severity")).isEqualTo("sev1");
    assertThat(item.getString("raw_log")).isEqualTo("High error rate detected: 500 errors/sec on /api/v1/users endpoint");
    assertThat(item.getString("origin_system")).isEqualTo("demo");
    assertThat(item.getString("status")).isEqualTo("open");
    assertThat(item.getString("source")).isEqualTo("demo");
    assertThat(item.getInteger("occurrence_count")).isEqualTo(1);
    assertThat(item.getJsonObject("enrichment").getString("state")).isIn("pending", "cleaned", "embedded", "indexed"); // enrichment runs after the 201
    assertThat(item.getString("created_at")).isEqualTo(body.getString("created_at"));
  }

  @Test
  void demo_ingest_keeps_optional_fields_and_the_raw_log_it_was_given() {
    String id = create(demo(uniqueService(), "sev2", "Database connection timeout")
        .put("type", "alert").put("story_points", 5).put("impact", "medium")
        .put("raw_log", "[2024-01-15 10:30:00,123 ERROR] Database connection timeout"));

    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getString("type")).isEqualTo("alert");
    assertThat(item.getInteger("story_points")).isEqualTo(5);
    assertThat(item.getString("impact")).isEqualTo("medium");
    assertThat(item.getString("description")).isEqualTo("Database connection timeout");
    assertThat(item.getString("raw_log")).isEqualTo("[2024-01-15 10:30:00,123 ERROR] Database connection timeout");
  }

  @Test
  void repeated_demo_posts_create_separate_items_by_default() {
    String service = uniqueService();
    String first = create(demo(service, "sev3", "Disk almost full"));
    String second = create(demo(service, "sev3", "Disk almost full"));
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void manual_creation_answers_201_and_records_the_creator() {
    HttpResponse<Buffer> response = http.postJson("/work-items", new JsonObject()
        .put("service", "payment-service").put("severity", "sev4").put("description", "Update TLS certificates")
        .put("type", "ticket").put("creator_id", "user_42"));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("message")).isEqualTo("WorkItem created successfully");
    JsonObject item = http.get("/work-items/" + body.getString("work_item_id")).bodyAsJsonObject();
    assertThat(item.getString("creator_id")).isEqualTo("user_42");
    assertThat(item.getString("type")).isEqualTo("ticket");
    assertThat(item.getString("source")).isEqualTo("manual");
    assertThat(item.getString("origin_system")).isEqualTo("manual");
  }

  @Test
  void unknown_work_item_is_404_in_the_common_error_shape() {
    HttpResponse<Buffer> response = http.get("/work-items/wi_doesnotexist");
    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("not_found");
    assertThat(body.getString("correlation_id")).isEqualTo(response.getHeader("x-correlation-id"));
  }

  @Test
  void list_filters_by_service_severity_and_status_with_totals() {
    String service = uniqueService();
    String a = create(demo(service, "sev1", "a"));
    String b = create(demo(service, "sev2", "b"));
    String c = create(demo(service, "sev2", "c"));
    create(demo(uniqueService(), "sev2", "other service"));
    assertThat(http.postJson("/work-items/" + c + "/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "h1")).statusCode()).isEqualTo(200);

    JsonObject all = http.get("/work-items?service=" + service).bodyAsJsonObject();
    assertThat(all.getLong("total")).isEqualTo(3);
    assertThat(ids(all)).containsExactly(c, b, a);
    assertThat(all.getInteger("limit")).isEqualTo(50);
    assertThat(all.getInteger("offset")).isZero();
    JsonObject summary = all.getJsonArray("work_items").getJsonObject(0);
    assertThat(summary.fieldNames()).contains("id", "service", "severity", "description", "created_at",
        "origin_system", "status");

    JsonObject sev2 = http.get("/work-items?service=" + service + "&severity=sev2").bodyAsJsonObject();
    assertThat(sev2.getLong("total")).isEqualTo(2);
    assertThat(ids(sev2)).containsExactly(c, b);

    JsonObject open = http.get("/work-items?service=" + service + "&severity=sev2&status=open").bodyAsJsonObject();
    assertThat(ids(open)).containsExactly(b);
    assertThat(open.getLong("total")).isEqualTo(1);

    JsonObject resolved = http.get("/work-items?service=" + service + "&status=resolved").bodyAsJsonObject();
    assertThat(ids(resolved)).containsExactly(c);
  }

  @Test
  void pagination_walks_every_item_once_with_a_constant_total() {
    String service = uniqueService();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(create(demo(service, "sev3", "item " + i)));
    }
    Set<String> seen = new HashSet<>();
    for (int offset = 0; offset < 9; offset += 3) {
      JsonObject page = http.get("/work-items?service=" + service + "&limit=3&offset=" + offset).bodyAsJsonObject();
      assertThat(page.getLong("total")).isEqualTo(7);
      assertThat(page.getInteger("limit")).isEqualTo(3);
      assertThat(page.getInteger("offset")).isEqualTo(offset);
      List<String> ids = ids(page);
      assertThat(ids).hasSize(Math.min(3, 7 - offset));
      assertThat(seen).doesNotContainAnyElementsOf(ids);
      seen.addAll(ids);
    }
    assertThat(seen).isEqualTo(created);
    JsonObject beyond = http.get("/work-items?service=" + service + "&offset=50").bodyAsJsonObject();
    assertThat(beyond.getJsonArray("work_items")).isEmpty();
    assertThat(beyond.getLong("total")).isEqualTo(7);
    assertThat(http.get("/work-items?service=" + service + "&limit=100").statusCode()).isEqualTo(200);
  }

  @Test
  void list_rejects_bad_query_parameters_naming_each() {
    HttpResponse<Buffer> response = http.get("/work-items?limit=101&offset=-1&severity=sev9&status=closed");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(response)).containsExactly("limit", "offset", "severity", "status");
    assertThat(rules(response)).containsExactly("maximum", "minimum", "enum", "enum");

    assertThat(fields(http.get("/work-items?limit=abc"))).containsExactly("limit");
    assertThat(rules(http.get("/work-items?limit=0"))).containsExactly("minimum");
  }

  @Test
  void outcomes_move_the_status_as_the_issue_says() {
    String resolvedId = create(demo(uniqueService(), "sev2", "to resolve"));
    HttpResponse<Buffer> resolved = http.postJson("/work-items/" + resolvedId + "/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "human_1"));
    assertThat(resolved.statusCode()).isEqualTo(200);
    JsonObject body = resolved.bodyAsJsonObject();
    assertThat(body.getString("outcome_id")).startsWith("out_");
    assertThat(body.getBoolean("processed")).isTrue();
    assertThat(body.getString("message")).isEqualTo("Outcome recorded and forwarded to Learner");
    assertThat(http.get("/work-items/" + resolvedId).bodyAsJsonObject().getString("status")).isEqualTo("resolved");

    String reassignedId = create(demo(uniqueService(), "sev2", "to reassign"));
    assertThat(http.postJson("/work-items/" + reassignedId + "/outcome", new JsonObject()
        .put("type", "reassigned").put("actor_id", "human_1").put("new_assignee_id", "human_2")
        .put("decision_id", "dec_1")).statusCode()).isEqualTo(200);
    JsonObject reassigned = http.get("/work-items/" + reassignedId).bodyAsJsonObject();
    assertThat(reassigned.getString("status")).isEqualTo("assigned");
    assertThat(reassigned.getString("assignee_id")).isEqualTo("human_2");

    String escalatedId = create(demo(uniqueService(), "sev2", "to escalate"));
    assertThat(http.postJson("/work-items/" + escalatedId + "/outcome",
        new JsonObject().put("type", "escalated").put("actor_id", "human_1")).statusCode()).isEqualTo(200);
    JsonObject escalated = http.get("/work-items/" + escalatedId).bodyAsJsonObject();
    assertThat(escalated.getString("status")).isEqualTo("open");
    assertThat(escalated.getBoolean("escalated")).isTrue();
  }

  @Test
  void an_outcome_writes_its_row_and_the_learner_body_to_the_outbox() {
    String service = uniqueService();
    String id = create(demo(service, "sev1", "outbox check"));
    JsonObject answer = http.postJson("/work-items/" + id + "/outcome", new JsonObject()
        .put("type", "reassigned").put("actor_id", "human_1").put("new_assignee_id", "human_3")
        .put("decision_id", "dec_9").put("timestamp", "2024-01-15T10:30:00Z").put("notes", "wrong team"))
        .bodyAsJsonObject();

    String eventId = TestPostgres.query(databaseUrl,
        "SELECT event_id FROM outcomes WHERE id = '" + answer.getString("outcome_id") + "'",
        rows -> rows.next() ? rows.getString(1) : null);
    assertThat(eventId).isEqualTo(answer.getString("event_id")).isNotBlank();
    JsonObject payload = TestPostgres.query(databaseUrl,
        "SELECT payload::text, status FROM outcome_outbox WHERE outcome_id = '" + answer.getString("outcome_id") + "'",
        rows -> {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(2)).isEqualTo("pending");
          return new JsonObject(rows.getString(1));
        });
    assertThat(payload).isEqualTo(new JsonObject()
        .put("event_id", eventId)
        .put("decision_id", "dec_9")
        .put("work_item_id", id)
        .put("type", "reassigned")
        .put("actor_id", "human_1")
        .put("service", service)
        .put("timestamp", "2024-01-15T10:30:00Z")
        .put("new_assignee_id", "human_3"));
  }

  @Test
  void every_outcome_gets_its_own_event_id_and_a_client_event_id_is_idempotent() {
    String id = create(demo(uniqueService(), "sev3", "idempotency"));
    JsonObject outcome = new JsonObject().put("type", "escalated").put("actor_id", "h");
    String e1 = http.postJson("/work-items/" + id + "/outcome", outcome).bodyAsJsonObject().getString("event_id");
    String e2 = http.postJson("/work-items/" + id + "/outcome", outcome).bodyAsJsonObject().getString("event_id");
    assertThat(e1).isNotEqualTo(e2);

    JsonObject withId = outcome.copy().put("event_id", "evt-client-1");
    JsonObject first = http.postJson("/work-items/" + id + "/outcome", withId).bodyAsJsonObject();
    JsonObject retry = http.postJson("/work-items/" + id + "/outcome", withId).bodyAsJsonObject();
    assertThat(retry.getString("outcome_id")).isEqualTo(first.getString("outcome_id"));
    long rows = TestPostgres.query(databaseUrl,
        "SELECT count(*) FROM outcome_outbox WHERE event_id = 'evt-client-1'", r -> r.next() ? r.getLong(1) : -1);
    assertThat(rows).isEqualTo(1);

    String other = create(demo(uniqueService(), "sev3", "other"));
    assertThat(http.postJson("/work-items/" + other + "/outcome", withId).statusCode()).isEqualTo(409);
  }

  @Test
  void outcome_errors_are_400_or_404() {
    String id = create(demo(uniqueService(), "sev3", "outcome errors"));
    HttpResponse<Buffer> badType = http.postJson("/work-items/" + id + "/outcome",
        new JsonObject().put("type", "closed").put("actor_id", "h"));
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(fields(badType)).containsExactly("type");

    HttpResponse<Buffer> noActor = http.postJson("/work-items/" + id + "/outcome", new JsonObject().put("type", "resolved"));
    assertThat(noActor.statusCode()).isEqualTo(400);
    assertThat(fields(noActor)).containsExactly("actor_id");
    assertThat(rules(noActor)).containsExactly("required");

    HttpResponse<Buffer> noAssignee = http.postJson("/work-items/" + id + "/outcome",
        new JsonObject().put("type", "reassigned").put("actor_id", "h"));
    assertThat(fields(noAssignee)).containsExactly("new_assignee_id");

    HttpResponse<Buffer> badTime = http.postJson("/work-items/" + id + "/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "h").put("timestamp", "yesterday"));
    assertThat(fields(badTime)).containsExactly("timestamp");
    assertThat(rules(badTime)).containsExactly("format");

    HttpResponse<Buffer> unknown = http.postJson("/work-items/wi_nope/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "h"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("status")).isEqualTo("open");
  }

  @Test
  void invalid_work_items_are_400_naming_every_field_and_rule_and_nothing_is_stored() {
    long before = count();
    HttpResponse<Buffer> response = http.postJson("/ingest/demo", new JsonObject()
        .put("service", 12).put("severity", "sev5").put("type", "outage").put("story_points", 22)
        .put("impact", "huge"));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("validation_failed");
    assertThat(fields(response)).containsExactly("description", "impact", "service", "severity", "story_points", "type");
    assertThat(rules(response)).containsExactly("required", "enum", "type", "enum", "maximum", "enum");
    assertThat(body.getJsonArray("details").getJsonObject(3).getString("message"))
        .isEqualTo("must be one of sev1, sev2, sev3, sev4");

    assertThat(fields(http.postJson("/ingest/demo", demo("s", "sev1", "x").put("story_points", 0))))
        .containsExactly("story_points");
    assertThat(fields(http.postJson("/ingest/demo", demo("s", "sev1", "x").put("story_points", 2.5))))
        .containsExactly("story_points");
    assertThat(fields(http.postJson("/ingest/demo", demo("  ", "sev1", "x")))).containsExactly("service");
    assertThat(fields(http.postJson("/ingest/demo", demo("s", "sev1", "")))).containsExactly("description");
    assertThat(fields(http.postJson("/work-items", new JsonObject().put("severity", "sev1"))))
        .containsExactly("description", "service");
    assertThat(fields(http.post("/ingest/demo", "application/json", "[1,2]"))).containsExactly("body");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void malformed_empty_deep_oversized_and_non_json_bodies_are_rejected() {
    long before = count();
    HttpResponse<Buffer> malformed = http.post("/ingest/demo", "application/json", "{\"service\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.bodyAsJsonObject().getString("error")).isEqualTo("malformed_json");

    HttpResponse<Buffer> empty = http.post("/ingest/demo", "application/json", null);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(fields(empty)).containsExactly("body");

    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    HttpResponse<Buffer> tooDeep = http.post("/ingest/demo", "application/json", deep);
    assertThat(tooDeep.statusCode()).isEqualTo(400);
    assertThat(rules(tooDeep)).containsExactly("limits");

    String huge = demo("s", "sev1", "x".repeat(2_000_000)).encode();
    HttpResponse<Buffer> tooLarge = http.post("/ingest/demo", "application/json", huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("error")).isEqualTo("payload_too_large");

    String valid = demo("s", "sev1", "x").encode();
    HttpResponse<Buffer> text = http.post("/ingest/demo", "text/plain", valid);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_media_type");
    assertThat(http.post("/ingest/demo", null, valid).statusCode()).isEqualTo(415);
    assertThat(http.post("/work-items/wi_x/outcome", "application/x-www-form-urlencoded", "type=resolved").statusCode())
        .isEqualTo(415);
    assertThat(http.post("/ingest/demo", "application/json; charset=utf-8", valid).statusCode()).isEqualTo(201);
    assertThat(count()).isEqualTo(before + 1);
  }

  @Test
  void unknown_routes_and_methods_answer_json() {
    HttpResponse<Buffer> missing = http.get("/no/such/thing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/json");
    // Issue 14: every 4xx names what was wrong, here the path.
    assertThat(missing.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("path");

    HttpResponse<Buffer> wrongMethod = await(http.request(HttpMethod.DELETE, "/work-items").send());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.bodyAsJsonObject().getString("error")).isEqualTo("method_not_allowed");
  }

  @Test
  void correlation_ids_are_echoed_or_generated() {
    HttpResponse<Buffer> given = await(http.request(HttpMethod.GET, "/healthz").putHeader("x-correlation-id", "req-77").send());
    assertThat(given.getHeader("x-correlation-id")).isEqualTo("req-77");

    HttpResponse<Buffer> generated = http.get("/healthz");
    assertThat(generated.getHeader("x-correlation-id")).isNotBlank();

    HttpResponse<Buffer> unsafe = await(http.request(HttpMethod.GET, "/healthz")
        .putHeader("x-correlation-id", "x".repeat(300)).send());
    assertThat(unsafe.getHeader("x-correlation-id")).hasSizeLessThan(100);

    HttpResponse<Buffer> error = await(http.request(HttpMethod.GET, "/work-items/wi_unknown")
        .putHeader("x-correlation-id", "req-78").send());
    assertThat(error.bodyAsJsonObject().getString("correlation_id")).isEqualTo("req-78");
  }

  @Test
  void health_and_readiness() {
    JsonObject health = http.get("/healthz").bodyAsJsonObject();
    assertThat(health.getString("status")).isEqualTo("healthy");
    assertThat(health.getString("service")).isEqualTo("intake");
    assertThat(health.getDouble("uptime")).isGreaterThanOrEqualTo(0);
    assertThat(health.getString("version")).isNotBlank();

    HttpResponse<Buffer> ready = http.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
        .isEqualTo("up");
  }

  @Test
  void mergeStateIsItsOwnFilterAndSplitAnswersNotFoundConflictAndBadInput() {
    String id = create(demo(uniqueService(), "sev3", "Queue backlog growing on worker-3"));
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getString("merged_into")).isNull();
    assertThat(item.getValue("merge")).isNull();
    assertThat(item.getJsonArray("related")).isEmpty();
    assertThat(item.getJsonObject("identity").getBoolean("native")).isFalse();
    assertThat(item.getJsonObject("links").getString("split")).isEqualTo("/work-items/" + id + "/split");
    // Statuses are the seed's; merge state is a filter of its own.
    assertThat(fields(http.get("/work-items?status=duplicate"))).containsExactly("status");
    assertThat(fields(http.get("/work-items?merged=maybe"))).containsExactly("merged");
    assertThat(fields(http.get("/work-items?related_to="))).containsExactly("related_to");
    assertThat(ids(http.get("/work-items?merged=true&merged_into=" + id).bodyAsJsonObject())).isEmpty();
    assertThat(ids(http.get("/work-items?merged=false&limit=100").bodyAsJsonObject())).contains(id);

    assertThat(http.get("/work-items/wi_nope/merges").statusCode()).isEqualTo(404);
    JsonObject merges = http.get("/work-items/" + id + "/merges").bodyAsJsonObject();
    assertThat(merges.getJsonArray("merged")).isEmpty();
    assertThat(merges.getJsonObject("identity").getInteger("occurrences")).isEqualTo(1);

    var notMerged = http.post("/work-items/" + id + "/split", null, null);
    assertThat(notMerged.statusCode()).isEqualTo(409);
    assertThat(notMerged.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
    assertThat(http.post("/work-items/wi_nope/split", null, null).statusCode()).isEqualTo(404);
    assertThat(http.post("/work-items/" + id + "/split", "text/plain", "because").statusCode()).isEqualTo(415);
    assertThat(fields(http.postJson("/work-items/" + id + "/split", new JsonObject().put("who", "me")))).containsExactly("who");
    assertThat(http.post("/work-items/" + id + "/split", "application/json", "{").statusCode()).isEqualTo(400);
    assertThat(http.withApiKey(null).post("/work-items/" + id + "/split", null, null).statusCode()).isEqualTo(401);

    JsonObject none = http.get("/work-items/splits").bodyAsJsonObject();
    assertThat(none.getJsonArray("splits")).isEmpty();
    assertThat(fields(http.get("/work-items/splits?format=xml"))).containsExactly("format");
    assertThat(http.get("/work-items/splits?format=csv").bodyAsString()).startsWith("id,service,text_a,text_b,duplicate");
  }

  private static long count() {
    return TestPostgres.query(databaseUrl, "SELECT count(*) FROM work_items", r -> r.next() ? r.getLong(1) : -1);
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("work_items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("details").stream()
        .map(o -> ((JsonObject) o).getString("field")).toList();
  }

  private static List<String> rules(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("details").stream()
        .map(o -> ((JsonObject) o).getString("rule")).toList();
  }
}
