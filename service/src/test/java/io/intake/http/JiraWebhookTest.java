package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /webhooks/jira end to end, with a project map given the way JIRA_PROJECT_TO_SERVICE_MAP gives it. */
@ExtendWith(VertxExtension.class)
class JiraWebhookTest {

  private static RunningApp app;
  private static String databaseUrl;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject()
        .put("normalization", new JsonObject().put("sources", new JsonObject().put("jira",
            new JsonObject().put("project_service_map", new JsonObject().put("PAY", "payment-service"))))));
    databaseUrl = app.databaseUrl();
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonObject webhook(String key, String priority, JsonObject assignee) {
    return new JsonObject()
        .put("webhookEvent", "jira:issue_created")
        .put("issue", new JsonObject().put("key", key).put("fields", new JsonObject()
            .put("summary", "Refunds stuck in pending")
            .put("description", "Customers report refunds older than 2 days")
            .put("priority", new JsonObject().put("name", priority))
            .put("project", new JsonObject().put("key", key.substring(0, key.indexOf('-'))))
            .put("assignee", assignee)
            .put("status", new JsonObject().put("name", "To Do"))));
  }

  @Test
  void an_unassigned_issue_becomes_a_work_item_linked_to_its_key() {
    HttpResponse<Buffer> response = http.postJson("/webhooks/jira", webhook("PAY-101", "Critical", null));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("processed")).isTrue();
    assertThat(body.getString("message")).isNotBlank();

    JsonObject item = http.get("/work-items/" + body.getString("work_item_id")).bodyAsJsonObject();
    assertThat(item.getString("service")).isEqualTo("payment-service");
    assertThat(item.getString("severity")).isEqualTo("sev1");
    assertThat(item.getString("origin_system")).isEqualTo("PAY-101");
    assertThat(item.getString("jira_issue_key")).isEqualTo("PAY-101");
    assertThat(item.getString("source")).isEqualTo("jira");
    assertThat(item.getString("description")).startsWith("Refunds stuck in pending");
  }

  @Test
  void an_assigned_issue_is_skipped_and_nothing_is_stored() {
    HttpResponse<Buffer> response = http.postJson("/webhooks/jira",
        webhook("PAY-102", "High", new JsonObject().put("accountId", "acc-1")));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("processed")).isFalse();
    assertThat(body.getString("reason")).isEqualTo("assigned");
    assertThat(body.containsKey("work_item_id")).isFalse();
    assertThat(rowsFor("PAY-102")).isZero();
  }

  @Test
  void a_redelivered_webhook_counts_an_occurrence_on_the_same_open_item() {
    String first = http.postJson("/webhooks/jira", webhook("OPS-7", "Low", null)).bodyAsJsonObject().getString("work_item_id");
    String again = http.postJson("/webhooks/jira", webhook("OPS-7", "Low", null)).bodyAsJsonObject().getString("work_item_id");
    assertThat(again).isEqualTo(first);
    JsonObject item = http.get("/work-items/" + first).bodyAsJsonObject();
    assertThat(item.getInteger("occurrence_count")).isEqualTo(2);
    assertThat(item.getString("service")).as("unmapped project").isEqualTo("ops");
    assertThat(item.getString("severity")).isEqualTo("sev4");

    // Once resolved, the next webhook for the key opens a new item.
    http.postJson("/work-items/" + first + "/outcome", new JsonObject().put("type", "resolved").put("actor_id", "h"));
    String reopened = http.postJson("/webhooks/jira", webhook("OPS-7", "Low", null)).bodyAsJsonObject().getString("work_item_id");
    assertThat(reopened).isNotEqualTo(first);
    assertThat(rowsFor("OPS-7")).isEqualTo(2);
  }

  @Test
  void concurrent_deliveries_of_one_issue_make_one_item() {
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sends.add(http.request(HttpMethod.POST, "/webhooks/jira").sendJsonObject(webhook("PAY-777", "High", null)));
    }
    TestApp.await(Future.all(sends));
    Set<String> ids = new HashSet<>();
    sends.forEach(f -> ids.add(f.result().bodyAsJsonObject().getString("work_item_id")));
    assertThat(ids).hasSize(1);
    assertThat(rowsFor("PAY-777")).isEqualTo(1);
    assertThat(http.get("/work-items/" + ids.iterator().next()).bodyAsJsonObject().getInteger("occurrence_count"))
        .isEqualTo(20);
  }

  @Test
  void other_events_are_acknowledged_but_not_processed() {
    HttpResponse<Buffer> response = http.postJson("/webhooks/jira", new JsonObject().put("webhookEvent", "project_created"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("reason")).isEqualTo("unsupported_event");
  }

  @Test
  void invalid_webhooks_are_400_naming_the_field() {
    JsonObject noProject = webhook("PAY-103", "High", null);
    noProject.getJsonObject("issue").getJsonObject("fields").remove("project");
    HttpResponse<Buffer> response = http.postJson("/webhooks/jira", noProject);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field"))
        .isEqualTo("issue.fields.project");

    HttpResponse<Buffer> noIssue = http.postJson("/webhooks/jira", new JsonObject().put("webhookEvent", "jira:issue_created"));
    assertThat(noIssue.statusCode()).isEqualTo(400);
    assertThat(noIssue.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo("issue");

    HttpResponse<Buffer> badKey = http.postJson("/webhooks/jira", webhook("PAY-103", "High", null)
        .put("issue", webhook("PAY-103", "High", null).getJsonObject("issue").put("key", "not a key")));
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(rowsFor("PAY-103")).isZero();
  }

  private static long rowsFor(String key) {
    return TestPostgres.query(databaseUrl, "SELECT count(*) FROM work_items WHERE jira_issue_key = '" + key + "'",
        r -> r.next() ? r.getLong(1) : -1);
  }
}
