package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys per endpoint group, open probes, and the input limits, against the whole program. */
@ExtendWith(VertxExtension.class)
class ApiSecurityTest {

  private static RunningApp app;
  private static Http anonymous;
  private static Http ingest;
  private static Http hooks;
  private static Http admin;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("max_json_string_length", 1000)
        .put("security", new JsonObject()
            .put("api_keys", new JsonObject()
                .put("ingest", new JsonArray().add("ingest-key-1").add("ingest-key-2"))
                .put("webhooks", new JsonArray().add("hook-key"))
                .put("admin", new JsonArray().add("admin-key"))))));
    anonymous = app.http().withApiKey(null);
    ingest = app.http().withApiKey("ingest-key-1");
    hooks = app.http().withApiKey("hook-key");
    admin = app.http().withApiKey("admin-key");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject demo(String description) {
    return new JsonObject().put("service", "sec-svc").put("severity", "sev2").put("description", description);
  }

  private static void assertUnauthorized(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("unauthorized");
    assertThat(body.getString("message")).isEqualTo("Missing or invalid API key");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("X-API-Key");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("api_key");
    assertThat(body.getString("correlation_id")).isNotBlank();
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.getHeader("WWW-Authenticate")).contains("X-API-Key");
  }

  @Test
  void every_group_refuses_missing_and_wrong_keys_and_stores_nothing() {
    long before = app.count("SELECT count(*) FROM work_items") + app.count("SELECT count(*) FROM agent_events");
    Http wrong = app.http().withApiKey("ingest-key-3");
    for (Http client : List.of(anonymous, wrong, admin, hooks)) {
      assertUnauthorized(client.postJson("/ingest/demo", demo("x")));
      assertUnauthorized(client.get("/work-items"));
      assertUnauthorized(client.postJson("/v1/events", new JsonObject()));
      assertUnauthorized(client.get("/v1/metrics/overview"));
    }
    for (Http client : List.of(anonymous, ingest, admin)) {
      assertUnauthorized(client.postJson("/webhooks/datadog", new JsonObject().put("id", "1").put("title", "t")));
      assertUnauthorized(client.postJson("/webhooks/alertmanager", new JsonObject().put("alerts", new JsonArray())));
    }
    for (Http client : List.of(anonymous, ingest, hooks)) {
      assertUnauthorized(client.get("/stats"));
      assertUnauthorized(client.get("/admin/outbox"));
      assertUnauthorized(client.get("/monitoring/status"));
    }
    assertThat(app.count("SELECT count(*) FROM work_items") + app.count("SELECT count(*) FROM agent_events")).isEqualTo(before);
  }

  @Test
  void each_groups_own_keys_work_and_bearer_is_accepted_too() {
    assertThat(ingest.postJson("/ingest/demo", demo("ok")).statusCode()).isEqualTo(201);
    assertThat(app.http().withApiKey("ingest-key-2").get("/work-items").statusCode()).as("second key of the group").isEqualTo(200);
    assertThat(hooks.postJson("/webhooks/datadog", new JsonObject().put("id", "d1").put("title", "Disk full")).statusCode())
        .isEqualTo(200);
    assertThat(admin.get("/stats").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> bearer = TestApp.await(anonymous.request(HttpMethod.GET, "/work-items")
        .putHeader("Authorization", "Bearer ingest-key-1").send());
    assertThat(bearer.statusCode()).isEqualTo(200);
  }

  @Test
  void probes_stay_open_and_unknown_paths_reach_no_handler() {
    assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(200);
    // Issue 14: the group is the matched route's, so a path no route matches is the router's 404
    // for everyone (the routes are public, README lists them); it used to be 401 by path prefix.
    for (Http client : List.of(anonymous, ingest)) {
      HttpResponse<Buffer> unknown = client.get("/no/such/thing");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }
  }

  @Test
  void a_refused_request_with_a_body_leaves_the_connection_usable() {
    String big = demo("y".repeat(500)).encode();
    for (int i = 0; i < 3; i++) {
      assertUnauthorized(anonymous.post("/ingest/demo", "application/json", big));
      assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void size_depth_and_string_limits_apply_to_every_json_endpoint() {
    long before = app.count("SELECT count(*) FROM work_items");
    String longString = "z".repeat(1001);
    HttpResponse<Buffer> tooLong = ingest.postJson("/ingest/demo", demo(longString));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("limits");

    String deep = "{\"alerts\":[],\"x\":" + "[".repeat(60) + "]".repeat(60) + "}";
    HttpResponse<Buffer> tooDeep = hooks.post("/webhooks/alertmanager", "application/json", deep);
    assertThat(tooDeep.statusCode()).isEqualTo(400);
    assertThat(tooDeep.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("limits");

    String huge = new JsonObject().put("alerts", new JsonArray()).put("pad", "p".repeat(1_100_000)).encode();
    HttpResponse<Buffer> tooLarge = hooks.post("/webhooks/alertmanager", "application/json", huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("error")).isEqualTo("payload_too_large");
    assertThat(ingest.post("/v1/events", "application/json", huge).statusCode()).isEqualTo(413);
    assertThat(hooks.post("/webhooks/pagerduty", "text/plain", "{}").statusCode()).isEqualTo(415);
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);
  }

  @Test
  void error_answers_never_echo_the_values_they_reject() {
    String marker = "MARKER-" + UUID.randomUUID();
    List<HttpResponse<Buffer>> answers = List.of(
        ingest.postJson("/ingest/demo", new JsonObject().put("service", marker).put("severity", marker).put("description", 5)),
        ingest.postJson("/v1/events", new JsonObject().put("event_version", marker).put("event_id", marker)
            .put("event_type", marker).put("occurred_at", marker)),
        ingest.get("/v1/metrics/overview?window_hours=" + marker),
        ingest.get("/work-items?severity=" + marker + "&status=" + marker),
        hooks.postJson("/webhooks/pagerduty", new JsonObject().put("routing_key", "rk").put("event_action", marker)),
        hooks.postJson("/webhooks/datadog", new JsonObject().put("id", "1").put("title", "t").put("priority", marker + "-too-long")),
        hooks.postJson("/webhooks/alertmanager", new JsonObject().put("alerts", new JsonArray())
            .put("status", marker)),
        hooks.post("/webhooks/jira", "application/json", "{\"webhookEvent\": \"" + marker),
        app.http().withApiKey(marker).get("/work-items"));
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isBetween(400, 401);
      assertThat(answer.bodyAsString()).doesNotContain(marker);
    }
  }
}
