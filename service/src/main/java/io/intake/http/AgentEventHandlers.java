package io.intake.http;

import io.intake.bus.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001's agent telemetry: {@code POST /v1/events} (schema {@code agent-event-v0}, stored once
 * per event id) and {@code GET /v1/metrics/overview}.
 */
final class AgentEventHandlers {

  static final int DEFAULT_WINDOW_HOURS = 24;
  static final int MAX_WINDOW_HOURS = 24 * 366;
  private static final List<String> FILTERS = List.of("tenant_id", "workspace_id", "project_id", "agent_id", "workflow_id");

  private final BusRequests bus;
  private final WorkItemHandlers workItems;
  private final JsonBodies bodies;

  AgentEventHandlers(BusRequests bus, WorkItemHandlers workItems, JsonBodies bodies) {
    this.bus = bus;
    this.workItems = workItems;
    this.bodies = bodies;
  }

  /** 202 {@code {status: "accepted", event_id, persisted}}: persisted is false for an event id already stored. */
  void ingest(RoutingContext ctx) {
    String body = ctx.body().asString();
    String eventId = bodies.parse(body, "agent-event-v0").get("event_id").asText();
    workItems.normalize("agent_events", body).onSuccess(result -> {
      JsonObject answer = new JsonObject()
          .put("status", "accepted")
          .put("event_id", eventId)
          .put("persisted", result.getBoolean("persisted"));
      if (result.getString("work_item_id") != null) {
        answer.put("work_item_id", result.getString("work_item_id"));
      }
      Responses.json(ctx, 202, answer);
    }).onFailure(ctx::fail);
  }

  /** {@code ?window_hours=24&tenant_id=&workspace_id=&project_id=&agent_id=&workflow_id=}. */
  void overview(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = new JsonObject().put("window_hours", DEFAULT_WINDOW_HOURS);
    String window = ctx.queryParams().get("window_hours");
    if (window != null) {
      try {
        int hours = Integer.parseInt(window.strip());
        if (hours < 1 || hours > MAX_WINDOW_HOURS) {
          errors.add(new FieldError("window_hours", hours < 1 ? "minimum" : "maximum",
              "must be 1 to " + MAX_WINDOW_HOURS));
        }
        query.put("window_hours", hours);
      } catch (NumberFormatException e) {
        errors.add(new FieldError("window_hours", "type", "must be an integer"));
      }
    }
    for (String filter : FILTERS) {
      String value = ctx.queryParams().get(filter);
      // An empty filter (tenant_id=) means no filter, as in the seed's curl example.
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (value.length() > 200) {
        errors.add(new FieldError(filter, "maxLength", "must be at most 200 characters"));
      }
      query.put(filter, value);
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, Addresses.AGENT_METRICS_OVERVIEW, query);
  }
}
