package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, defect 2: U+0000 in a body string, a key, a path segment or a query value reached
 * PostgreSQL (22021/22P05) and came back as 500. Now: 400 naming the field and the rule, nothing stored.
 */
@ExtendWith(VertxExtension.class)
class NulInputTest {

  private static RunningApp app;
  private static Http http;
  private static String itemId;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    http = app.http();
    itemId = http.postJson("/ingest/demo", ValidBodies.all().get("/ingest/demo")).bodyAsJsonObject().getString("work_item_id");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String path(String template) {
    return template.replace("{id}", itemId);
  }

  private static long stored() {
    return app.count("SELECT (SELECT count(*) FROM work_items) + (SELECT count(*) FROM outcomes)"
        + " + (SELECT count(*) FROM agent_events)");
  }

  /**
   * 400 with {@code details[].field}; the seed-002/004 log endpoints answer FastAPI's
   * 422 with {@code detail[].loc} (["body", "entries", 0, …]) instead, as they always have.
   */
  private static void assertRefused(HttpResponse<Buffer> response, String field, String what) {
    List<String> named = new ArrayList<>();
    JsonObject body = response.bodyAsJsonObject();
    if (body.containsKey("detail")) {
      assertThat(response.statusCode()).as(what + ": " + response.bodyAsString()).isEqualTo(422);
      JsonArray details = body.getJsonArray("detail");
      for (int i = 0; i < details.size(); i++) {
        JsonObject d = details.getJsonObject(i);
        if (d.getString("msg").endsWith(TextPolicy.MESSAGE)) {
          StringBuilder path = new StringBuilder();
          JsonArray loc = d.getJsonArray("loc");
          for (int j = 1; j < loc.size(); j++) {
            Object part = loc.getValue(j);
            path.append(part instanceof Integer ? "[" + part + "]" : (path.length() == 0 ? "" : ".") + part);
          }
          named.add(path.toString());
        }
      }
    } else {
      assertThat(response.statusCode()).as(what + ": " + response.bodyAsString()).isEqualTo(400);
      JsonArray details = body.getJsonArray("details");
      for (int i = 0; i < details.size(); i++) {
        JsonObject d = details.getJsonObject(i);
        if (TextPolicy.RULE.equals(d.getString("rule"))) {
          named.add(d.getString("field"));
          assertThat(d.getString("message")).endsWith(TextPolicy.MESSAGE);
        }
      }
    }
    assertThat(named).as(what).containsExactly(field);
  }

  /** The first string value, depth first, as a dotted path; or null. */
  private static String firstString(Object node, String path) {
    if (node instanceof String) {
      return path;
    }
    if (node instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        String found = firstString(object.getValue(key), path.isEmpty() ? key : path + "." + key);
        if (found != null) {
          return found;
        }
      }
    }
    if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = firstString(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Appends a NUL to the value at a dotted path made by {@link #firstString}. */
  private static void poison(JsonObject root, String path) {
    Object parent = root;
    String[] parts = path.replace("[", ".[").split("\\.");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.startsWith("[")) {
        int index = Integer.parseInt(part.substring(1, part.length() - 1));
        JsonArray array = (JsonArray) parent;
        if (last) {
          array.set(index, array.getString(index) + "\u0000");
        } else {
          parent = array.getValue(index);
        }
      } else {
        JsonObject object = (JsonObject) parent;
        if (last) {
          object.put(part, object.getString(part) + "\u0000");
        } else {
          parent = object.getValue(part);
        }
      }
    }
  }

  @Test
  void every_valid_body_is_accepted_as_it_is() {
    for (Map.Entry<String, JsonObject> entry : ValidBodies.all().entrySet()) {
      HttpResponse<Buffer> response = http.postJson(path(entry.getKey()), entry.getValue());
      assertThat(response.statusCode()).as(entry.getKey() + ": " + response.bodyAsString()).isBetween(200, 299);
    }
  }

  @Test
  void a_nul_in_any_body_string_or_key_is_refused_naming_the_field() {
    long before = stored();
    for (Map.Entry<String, JsonObject> entry : ValidBodies.all().entrySet()) {
      JsonObject body = entry.getValue();
      String field = firstString(body, "");
      poison(body, field);
      assertRefused(http.postJson(path(entry.getKey()), body), field, entry.getKey() + " value " + field);

      JsonObject keyed = ValidBodies.all().get(entry.getKey());
      keyed.put("x\u0000y", "v");
      HttpResponse<Buffer> response = http.postJson(path(entry.getKey()), keyed);
      assertRefused(response, "x\\u0000y", entry.getKey() + " key");
    }
    // A NUL deep inside a log batch entry's attributes, a metric tag, a PagerDuty custom detail.
    JsonObject logs = ValidBodies.all().get("/logs");
    logs.getJsonArray("entries").getJsonObject(0).getJsonObject("attributes").put("pod", "orders-\u0000");
    assertRefused(http.postJson("/logs", logs), "entries[0].attributes.pod", "/logs attribute");
    JsonObject pd = ValidBodies.all().get("/webhooks/pagerduty");
    pd.getJsonObject("payload").getJsonObject("custom_details").put("note", "\u0000");
    assertRefused(http.postJson("/webhooks/pagerduty", pd), "payload.custom_details.note", "pagerduty detail");
    assertThat(stored()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void a_nul_in_a_path_segment_or_query_value_is_refused_naming_the_parameter() {
    assertRefused(http.get("/work-items?service=%00"), "service", "work-items service");
    assertRefused(http.get("/work-items?service=api%00svc&severity=sev1"), "service", "work-items service");
    assertRefused(http.get("/v1/metrics/overview?tenant_id=%00"), "tenant_id", "overview tenant");
    assertRefused(http.get("/work-items/wi_%00"), "id", "work item id");
    assertRefused(http.get("/work-items/wi_%00/similar"), "id", "similar id");
    assertRefused(http.get("/patterns?service=%00"), "service", "patterns service");
    assertRefused(http.postJson("/work-items/wi_%00/outcome", ValidBodies.all().get("/work-items/{id}/outcome")),
        "id", "outcome id");
    assertRefused(http.get("/admin/outbox?status=%00"), "status", "outbox status");
  }

  @Test
  void bom_zero_width_and_right_to_left_text_is_accepted_and_kept() {
    String text = "\ufeffdisk \u200bfull \u202eon db-1";
    JsonObject body = ValidBodies.all().get("/work-items").put("description", text);
    HttpResponse<Buffer> created = http.postJson("/work-items", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("work_item_id");
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("description")).isEqualTo(text);
  }
}
