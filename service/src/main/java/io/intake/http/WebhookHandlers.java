package io.intake.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Webhooks from other systems, each validated against its schema and normalized on the bus. */
final class WebhookHandlers {

  private final WorkItemHandlers workItems;
  private final JsonBodies bodies;

  WebhookHandlers(WorkItemHandlers workItems, JsonBodies bodies) {
    this.workItems = workItems;
    this.bodies = bodies;
  }

  /** Seed 000: always 200 for a valid webhook, {@code processed} says whether it made a work item. */
  void jira(RoutingContext ctx) {
    String body = ctx.body().asString();
    bodies.parse(body, "jira-webhook");
    workItems.normalize("jira", body).onSuccess(result -> {
      JsonObject answer = new JsonObject().put("processed", result.getBoolean("processed"));
      JsonArray outcomes = outcomes(result);
      if (!outcomes.isEmpty()) {
        // A changelog that resolved or reassigned the issue (issue 5).
        answer.put("work_item_id", result.getString("work_item_id"))
            .put("outcomes", outcomes)
            .put("message", "Outcome recorded from the issue's changelog");
      } else if (result.getBoolean("processed")) {
        boolean merged = result.getBoolean("merged", false);
        answer.put("work_item_id", result.getString("work_item_id"))
            .put("message", merged
                ? "Issue already ingested as an open WorkItem; occurrence recorded"
                : "WorkItem created successfully");
      } else {
        answer.put("reason", result.getString("reason")).put("message", result.getString("message"));
      }
      Responses.json(ctx, 200, answer);
    }).onFailure(ctx::fail);
  }

  /** {@code [{type, outcome_id, event_id}]} for the outcomes the webhook recorded. */
  private static JsonArray outcomes(JsonObject result) {
    JsonArray outcomes = new JsonArray();
    for (Object o : result.getJsonArray("results", new JsonArray())) {
      JsonObject r = (JsonObject) o;
      if (r.getString("outcome_id") != null) {
        outcomes.add(new JsonObject().put("type", r.getString("action"))
            .put("outcome_id", r.getString("outcome_id")).put("event_id", r.getString("event_id")));
      }
    }
    return outcomes;
  }
}
