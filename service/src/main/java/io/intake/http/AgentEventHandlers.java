package io.intake.http;

import io.intake.persistence.api.AgentOverview;
import io.intake.persistence.api.AgentOverviewQuery;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Agent telemetry's read side, {@code GET /v1/metrics/overview}. Events arrive as a source
 * ({@code POST /v1/events}, {@link SourceHandlers}).
 */
final class AgentEventHandlers {

  static final int MAX_WINDOW_HOURS = 24 * 366;
  private static final List<String> FILTERS = List.of("tenant_id", "workspace_id", "project_id", "agent_id", "workflow_id");

  private final BusRequests bus;

  AgentEventHandlers(BusRequests bus) {
    this.bus = bus;
  }

  /** {@code ?window_hours=24&tenant_id=&workspace_id=&project_id=&agent_id=&workflow_id=}. */
  void overview(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    int hours = AgentOverviewQuery.DEFAULT_WINDOW_HOURS;
    String window = ctx.queryParams().get("window_hours");
    if (window != null) {
      try {
        hours = Integer.parseInt(window.strip());
        if (hours < 1 || hours > MAX_WINDOW_HOURS) {
          errors.add(new FieldError("window_hours", hours < 1 ? "minimum" : "maximum",
              "must be 1 to " + MAX_WINDOW_HOURS));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("window_hours", "type", "must be an integer"));
      }
    }
    Map<String, String> filters = new HashMap<>();
    for (String filter : FILTERS) {
      String value = ctx.queryParams().get(filter);
      // An empty filter (tenant_id=) means no filter, as in the seed's curl example.
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (value.length() > 200) {
        errors.add(new FieldError(filter, "maxLength", "must be at most 200 characters"));
      }
      filters.put(filter, value);
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    AgentOverviewQuery query = new AgentOverviewQuery(hours, filters.get("tenant_id"), filters.get("workspace_id"),
        filters.get("project_id"), filters.get("agent_id"), filters.get("workflow_id"));
    bus.answer(ctx, bus.telemetry().agentOverview(query).map(AgentOverview::toJson));
  }
}
