package io.intake.model;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One agent run event (agent event schema v0) as stored: the columns the overview aggregates, plus
 * the body exactly as received.
 *
 * @param occurredAt RFC 3339
 * @param costUsd    the run's cost so far, when the event reports it
 * @param latencyMs  the run's latency, when the event reports it
 */
public record AgentEvent(
    String eventId,
    String eventVersion,
    String eventType,
    String occurredAt,
    String tenantId,
    String workspaceId,
    String projectId,
    String runId,
    String agentId,
    String workflowId,
    String runStatus,
    Double costUsd,
    Double latencyMs,
    String traceId,
    String spanId,
    String rawPayload) {

  public AgentEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("event_id", eventId)
        .put("event_version", eventVersion)
        .put("event_type", eventType)
        .put("occurred_at", occurredAt)
        .put("tenant_id", tenantId)
        .put("workspace_id", workspaceId)
        .put("project_id", projectId)
        .put("run_id", runId)
        .put("agent_id", agentId)
        .put("workflow_id", workflowId)
        .put("run_status", runStatus)
        .put("cost_usd", costUsd)
        .put("latency_ms", latencyMs)
        .put("trace_id", traceId)
        .put("span_id", spanId)
        .put("raw_payload", rawPayload);
  }

  public static AgentEvent fromJson(JsonObject json) {
    return new AgentEvent(
        json.getString("event_id"),
        json.getString("event_version"),
        json.getString("event_type"),
        json.getString("occurred_at"),
        json.getString("tenant_id"),
        json.getString("workspace_id"),
        json.getString("project_id"),
        json.getString("run_id"),
        json.getString("agent_id"),
        json.getString("workflow_id"),
        json.getString("run_status"),
        json.getDouble("cost_usd"),
        json.getDouble("latency_ms"),
        json.getString("trace_id"),
        json.getString("span_id"),
        json.getString("raw_payload"));
  }
}
