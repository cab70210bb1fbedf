package io.intake.http;

import io.intake.bus.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent telemetry's read side, {@code GET /v1/metrics/overview}. Events arrive as a source
 * ({@code POST /v1/events}, {@link SourceHandlers}).
 */
final class AgentEventHandlers {

  static final int DEFAULT_WINDOW_HOURS = 24;
  static final int MAX_WINDOW_HOURS = 24 * 366;
  private static final List<String> FILTERS = List.of("tenant_id", "workspace_id", "project_id", "agent_id", "workflow_id");

  private final BusRequests bus;

  AgentEventHandlers(BusRequests bus) {
    this.bus = bus;
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
