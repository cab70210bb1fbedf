package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The window and optional filters of the agent metrics overview; the body of
 * {@code intake.agent.metrics.overview}. A null filter means every value.
 */
public record AgentOverviewQuery(int windowHours, String tenantId, String workspaceId, String projectId,
    String agentId, String workflowId) {

  public static final int DEFAULT_WINDOW_HOURS = 24;

  /** The filters that are set, by their wire names, in the order of the overview's parameters. */
  public Map<String, String> filters() {
    Map<String, String> set = new LinkedHashMap<>();
    putIfSet(set, "tenant_id", tenantId);
    putIfSet(set, "workspace_id", workspaceId);
    putIfSet(set, "project_id", projectId);
    putIfSet(set, "agent_id", agentId);
    putIfSet(set, "workflow_id", workflowId);
    return set;
  }

  private static void putIfSet(Map<String, String> set, String name, String value) {
    if (value != null) {
      set.put(name, value);
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("window_hours", windowHours);
    filters().forEach(json::put);
    return json;
  }

  public static AgentOverviewQuery fromJson(JsonObject json) {
    int window = json.getValue("window_hours") == null ? DEFAULT_WINDOW_HOURS
        : Math.toIntExact(WireFields.requiredLong(json, "window_hours"));
    return new AgentOverviewQuery(window, WireFields.optionalString(json, "tenant_id"),
        WireFields.optionalString(json, "workspace_id"), WireFields.optionalString(json, "project_id"),
        WireFields.optionalString(json, "agent_id"), WireFields.optionalString(json, "workflow_id"));
  }
}
