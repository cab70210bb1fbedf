package io.intake.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Webhooks from monitoring and paging systems (issue 5): PagerDuty, Alertmanager, Datadog. Each is
 * validated against its schema (its signature was checked before), then normalized on the bus;
 * the answer is sent after every write of the payload is committed.
 */
final class SourceWebhookHandlers {

  private final WorkItemHandlers workItems;
  private final JsonBodies bodies;

  SourceWebhookHandlers(WorkItemHandlers workItems, JsonBodies bodies) {
    this.workItems = workItems;
    this.bodies = bodies;
  }

  /** 202 like PagerDuty's Events API: {@code {status: "success", message, dedup_key}} plus what we did. */
  void pagerDuty(RoutingContext ctx) {
    String body = ctx.body().asString();
    boolean eventsApi = !bodies.parse(body, "pagerduty-webhook").has("event");
    workItems.normalize("pagerduty", body).onSuccess(result -> {
      JsonObject first = first(result);
      JsonObject answer = new JsonObject()
          .put("status", "success")
          .put("message", "Event processed");
      if (eventsApi) {
        answer.put("dedup_key", first.getString("key"));
      }
      Responses.json(ctx, 202, describe(answer, result, first));
    }).onFailure(ctx::fail);
  }

  /** 200 with one result per alert, in the order of {@code alerts}. */
  void alertmanager(RoutingContext ctx) {
    String body = ctx.body().asString();
    bodies.parse(body, "alertmanager-webhook");
    workItems.normalize("alertmanager", body).onSuccess(result -> Responses.json(ctx, 200, new JsonObject()
        .put("processed", result.getBoolean("processed"))
        .put("alerts", results(result))))
        .onFailure(ctx::fail);
  }

  void datadog(RoutingContext ctx) {
    String body = ctx.body().asString();
    bodies.parse(body, "datadog-webhook");
    workItems.normalize("datadog", body).onSuccess(result -> Responses.json(ctx, 200,
        describe(new JsonObject(), result, first(result))))
        .onFailure(ctx::fail);
  }

  /** {@code processed, action, key, work_item_id?, outcome_id?, replayed?, occurrence_count?, reason?}: what the one action did. */
  static JsonObject describe(JsonObject answer, JsonObject result, JsonObject first) {
    answer.put("processed", result.getBoolean("processed"))
        .put("action", first.getString("action"))
        .put("key", first.getString("key"));
    for (String field : new String[] {"work_item_id", "outcome_id", "replayed", "occurrence_count", "reason"}) {
      if (first.getValue(field) != null) {
        answer.put(field, first.getValue(field));
      }
    }
    if (first.getValue("reason") != null && !answer.containsKey("message")) {
      answer.put("message", first.getString("message"));
    }
    return answer;
  }

  private static JsonArray results(JsonObject result) {
    return result.getJsonArray("results", new JsonArray());
  }

  private static JsonObject first(JsonObject result) {
    JsonArray results = results(result);
    return results.isEmpty() ? new JsonObject() : results.getJsonObject(0);
  }
}
