package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The agent metrics overview over a window: runs seen, finished, completed and failed, the success
 * rate over finished runs, their cost and mean latency. Its JSON is the HTTP answer as is.
 */
public record AgentOverview(AgentOverviewQuery query, long totalRuns, long finishedRuns, long completedRuns,
    long failedRuns, double successRate, double totalCostUsd, double avgLatencyMs) {

  public JsonObject toJson() {
    JsonObject filters = new JsonObject();
    query.filters().forEach(filters::put);
    return new JsonObject()
        .put("window_hours", query.windowHours())
        .put("filters", filters)
        .put("total_runs", totalRuns)
        .put("finished_runs", finishedRuns)
        .put("completed_runs", completedRuns)
        .put("failed_runs", failedRuns)
        .put("success_rate", successRate)
        .put("total_cost_usd", totalCostUsd)
        .put("avg_latency_ms", avgLatencyMs);
  }

  public static AgentOverview fromJson(JsonObject json) {
    JsonObject query = WireFields.requiredObject(json, "filters").copy().put("window_hours", json.getValue("window_hours"));
    return new AgentOverview(AgentOverviewQuery.fromJson(query), WireFields.requiredLong(json, "total_runs"),
        WireFields.requiredLong(json, "finished_runs"), WireFields.requiredLong(json, "completed_runs"), WireFields.requiredLong(json, "failed_runs"),
        WireFields.requiredDouble(json, "success_rate"), WireFields.requiredDouble(json, "total_cost_usd"), WireFields.requiredDouble(json, "avg_latency_ms"));
  }
}
