package io.intake.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One valid body for every JSON POST endpoint (each accepted as it is: 2xx), the seed for the text
 * policy tests and the fuzzer. {@code {id}} in a path is a work item the caller created.
 */
public final class ValidBodies {

  private ValidBodies() {
  }

  /** path → a fresh valid body (new copies each call, with fresh ids where the API deduplicates by id). */
  public static Map<String, JsonObject> all() {
    Map<String, JsonObject> bodies = new LinkedHashMap<>();
    bodies.put("/ingest/demo", new JsonObject().put("service", "api-service").put("severity", "sev2")
        .put("description", "High error rate detected: 500 errors/sec on /api/v1/users").put("type", "alert")
        .put("raw_log", "ERROR 500 /api/v1/users").put("creator_id", "monitor"));
    bodies.put("/work-items", new JsonObject().put("service", "billing").put("severity", "sev3")
        .put("description", "Invoice PDF shows the wrong VAT number").put("type", "ticket")
        .put("creator_id", "u-42").put("story_points", 3).put("impact", "medium"));
    bodies.put("/work-items/{id}/outcome", new JsonObject().put("type", "reassigned").put("actor_id", "u-1")
        .put("new_assignee_id", "u-2").put("notes", "handing over").put("timestamp", "2026-11-22T10:00:00Z"));
    bodies.put("/search", new JsonObject().put("text", "error rate on users endpoint").put("k", 3).put("service", "api-service"));
    bodies.put("/api/logs/ingest", new JsonObject().put("request_id", "req-" + UUID.randomUUID()).put("service", "shop")
        .put("env", "prod").put("timestamp", "2026-11-22T10:00:00Z").put("action", "checkout").put("level", "error")
        .put("message", "payment declined").put("user_id", "u-9").put("price", 12.5).put("quantity", 2)
        .put("error_code", "E42").put("raw_data", new JsonObject().put("card", "visa")));
    bodies.put("/logs", new JsonObject().put("agent_version", "1.0").put("entries", new JsonArray()
        .add(new JsonObject().put("timestamp", "2026-11-22T10:00:00Z").put("level", "error")
            .put("message", "connection refused to db-1:5432").put("service", "orders").put("host", "h1")
            .put("attributes", new JsonObject().put("pod", "orders-1")))));
    bodies.put("/metrics", new JsonObject().put("entries", new JsonArray()
        .add(new JsonObject().put("timestamp", "2026-11-22T10:00:00Z").put("name", "http_requests_total")
            .put("value", 42).put("metric_type", "counter").put("service", "orders")
            .put("tags", new JsonObject().put("route", "/api")))));
    bodies.put("/v1/events", new JsonObject().put("event_version", "v0").put("event_id", UUID.randomUUID().toString())
        .put("event_type", "run.started").put("occurred_at", "2026-11-22T10:00:00Z")
        .put("tenant", new JsonObject().put("tenant_id", "t1").put("workspace_id", "w1").put("project_id", "p1"))
        .put("run", new JsonObject().put("run_id", "r-" + UUID.randomUUID()).put("agent_id", "a1")
            .put("workflow_id", "wf1").put("status", "started"))
        .put("trace", new JsonObject().put("trace_id", "tr-1").put("span_id", "sp-1")));
    bodies.put("/webhooks/pagerduty", new JsonObject().put("routing_key", "rk-checkout").put("event_action", "trigger")
        .put("dedup_key", "dk-" + UUID.randomUUID())
        .put("payload", new JsonObject().put("summary", "Checkout p99 latency above 2s").put("source", "checkout-7f9c.prod")
            .put("severity", "error").put("component", "checkout")
            .put("custom_details", new JsonObject().put("p99_ms", 2310))));
    bodies.put("/webhooks/alertmanager", new JsonObject().put("version", "4").put("status", "firing")
        .put("receiver", "intake").put("groupKey", "{}:{alertname=\"HighLatency\"}")
        .put("alerts", new JsonArray().add(new JsonObject().put("status", "firing")
            .put("labels", new JsonObject().put("alertname", "HighLatency").put("service", "checkout").put("severity", "warning"))
            .put("annotations", new JsonObject().put("summary", "p99 above 2s"))
            .put("startsAt", "2026-11-22T10:00:00Z").put("fingerprint", "fp-" + UUID.randomUUID()))));
    bodies.put("/webhooks/datadog", new JsonObject().put("id", "dd-" + UUID.randomUUID()).put("title", "[Triggered] CPU high")
        .put("body", "CPU above 90% on web-1").put("alert_transition", "Triggered").put("priority", "P2")
        .put("tags", "service:web,env:prod"));
    bodies.put("/webhooks/jira", new JsonObject().put("webhookEvent", "jira:issue_created")
        .put("issue", new JsonObject().put("key", "PAY-" + (100 + (int) (Math.random() * 100000))).put("fields", new JsonObject()
            .put("summary", "Refunds stuck in pending").put("description", "Customers report refunds older than 2 days")
            .put("priority", new JsonObject().put("name", "High")).put("project", new JsonObject().put("key", "PAY"))
            .put("status", new JsonObject().put("name", "To Do")))));
    return bodies;
  }
}
