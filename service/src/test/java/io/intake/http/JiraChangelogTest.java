package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Jira changelogs become outcomes on the issue's open item: reassigned, then resolved. */
@ExtendWith(VertxExtension.class)
class JiraChangelogTest {

  private static RunningApp app;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject issue(String event, String key, String assignee, String status, String category) {
    return new JsonObject()
        .put("timestamp", 1795341600000L)
        .put("webhookEvent", event)
        .put("user", new JsonObject().put("accountId", "acc-lead").put("displayName", "Lead"))
        .put("issue", new JsonObject().put("id", "10" + key.hashCode()).put("key", key).put("fields", new JsonObject()
            .put("summary", "Checkout returns 502 for EU users")
            .put("project", new JsonObject().put("key", key.substring(0, key.indexOf('-'))))
            .put("priority", new JsonObject().put("name", "High"))
            .put("assignee", assignee == null ? null : new JsonObject().put("accountId", assignee))
            .put("status", new JsonObject().put("name", status)
                .put("statusCategory", new JsonObject().put("key", category)))));
  }

  static JsonObject change(JsonObject issue, String changelogId, JsonObject... items) {
    JsonArray list = new JsonArray();
    for (JsonObject item : items) {
      list.add(item);
    }
    return issue.put("changelog", new JsonObject().put("id", changelogId).put("items", list));
  }

  static JsonObject assigneeTo(String accountId) {
    return new JsonObject().put("field", "assignee").put("fieldtype", "jira").put("fieldId", "assignee")
        .put("from", null).put("fromString", null).put("to", accountId).put("toString", "Bo Builder");
  }

  static JsonObject statusTo(String name) {
    return new JsonObject().put("field", "status").put("fieldtype", "jira").put("fieldId", "status")
        .put("from", "3").put("fromString", "In Progress").put("to", "10001").put("toString", name);
  }

  private static JsonObject ok(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/webhooks/jira", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void assignment_and_done_transitions_record_outcomes_once_each() {
    String id = ok(issue("jira:issue_created", "SHOP-1", null, "To Do", "new")).getString("work_item_id");

    JsonObject reassign = change(issue("jira:issue_updated", "SHOP-1", "acc-bo", "To Do", "new"), "30001", assigneeTo("acc-bo"));
    JsonObject answer = ok(reassign);
    assertThat(answer.getBoolean("processed")).isTrue();
    assertThat(answer.getString("work_item_id")).isEqualTo(id);
    assertThat(answer.getJsonArray("outcomes").getJsonObject(0).getString("type")).isEqualTo("reassigned");
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getString("status")).isEqualTo("assigned");
    assertThat(item.getString("assignee_id")).isEqualTo("acc-bo");

    // Jira retries deliveries: the same changelog replays its outcome.
    JsonObject again = ok(reassign);
    assertThat(again.getJsonArray("outcomes").getJsonObject(0).getString("outcome_id"))
        .isEqualTo(answer.getJsonArray("outcomes").getJsonObject(0).getString("outcome_id"));
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id + "'")).isEqualTo(1);

    JsonObject done = change(issue("jira:issue_updated", "SHOP-1", "acc-bo", "Done", "done"), "30002", statusTo("Done"));
    assertThat(ok(done).getJsonArray("outcomes").getJsonObject(0).getString("type")).isEqualTo("resolved");
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    assertThat(app.text("SELECT string_agg(type || ':' || actor_id || ':' || coalesce(new_assignee_id, '-'), ',' ORDER BY recorded_at)"
        + " FROM outcomes WHERE work_item_id = '" + id + "'")).isEqualTo("reassigned:acc-lead:acc-bo,resolved:acc-lead:-");
    assertThat(app.count("SELECT count(*) FROM outcome_outbox WHERE work_item_id = '" + id + "'")).isEqualTo(2);
  }

  @Test
  void a_transition_that_is_not_done_and_issues_we_never_had_record_nothing() {
    String id = ok(issue("jira:issue_created", "SHOP-2", null, "To Do", "new")).getString("work_item_id");
    JsonObject progress = change(issue("jira:issue_updated", "SHOP-2", null, "In Progress", "indeterminate"), "30003",
        statusTo("In Progress"));
    JsonObject answer = ok(progress);
    assertThat(answer.containsKey("outcomes")).isFalse();
    assertThat(answer.getString("work_item_id")).as("an update of the open issue counts an occurrence").isEqualTo(id);
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id + "'")).isZero();

    JsonObject unknown = ok(change(issue("jira:issue_updated", "SHOP-404", "acc-bo", "Done", "done"), "30004", statusTo("Done")));
    assertThat(unknown.getBoolean("processed")).isFalse();
    assertThat(unknown.getString("reason")).isEqualTo("no_open_item");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE jira_issue_key = 'SHOP-404'")).isZero();
  }

  @Test
  void a_changelog_with_wrong_types_is_400() {
    JsonObject bad = change(issue("jira:issue_updated", "SHOP-3", null, "Done", "done"), "30005", statusTo("Done"));
    bad.getJsonObject("changelog").getJsonArray("items").getJsonObject(0).put("toString", 7);
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/jira", bad))).containsExactly("changelog.items[0].toString");
  }
}
