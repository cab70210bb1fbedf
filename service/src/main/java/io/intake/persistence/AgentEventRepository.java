package io.intake.persistence;

import io.intake.model.AgentEvent;
import io.intake.persistence.api.AgentEventSave;
import io.intake.persistence.api.AgentOverview;
import io.intake.persistence.api.AgentOverviewQuery;
import io.intake.persistence.api.SavedAgentEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Agent run events (schema v0): stored once per event id, and the overview metrics over a window,
 * computed by PostgreSQL. Every value is a bound parameter.
 */
final class AgentEventRepository {

  private static final String INSERT = """
      INSERT INTO agent_events (event_id, event_version, event_type, occurred_at, tenant_id, workspace_id,
        project_id, run_id, agent_id, workflow_id, run_status, cost_usd, latency_ms, trace_id, span_id, payload)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id""";

  /*
   * A run counts once (tenant + run id) when any run.* event of it falls in the window. Its outcome,
   * cost and latency are those of its latest terminal event (completed, failed, cancelled) in the
   * window; runs without one are still in progress and stay out of the rate and the sums.
   */
  private static final String OVERVIEW = """
      WITH scoped AS (
        SELECT tenant_id, run_id, event_type, occurred_at, cost_usd, latency_ms
        FROM agent_events
        WHERE occurred_at >= now() - make_interval(hours => $1::int)
          AND event_type LIKE 'run.%'
          AND ($2::text IS NULL OR tenant_id = $2::text)
          AND ($3::text IS NULL OR workspace_id = $3::text)
          AND ($4::text IS NULL OR project_id = $4::text)
          AND ($5::text IS NULL OR agent_id = $5::text)
          AND ($6::text IS NULL OR workflow_id = $6::text)
      ), finished AS (
        SELECT DISTINCT ON (tenant_id, run_id) event_type, cost_usd, latency_ms
        FROM scoped
        WHERE event_type IN ('run.completed', 'run.failed', 'run.cancelled')
        ORDER BY tenant_id, run_id, occurred_at DESC, event_type
      ), counts AS (
        SELECT
          (SELECT count(*) FROM (SELECT DISTINCT tenant_id, run_id FROM scoped) runs) AS total_runs,
          (SELECT count(*) FROM finished) AS finished_runs,
          (SELECT count(*) FROM finished WHERE event_type = 'run.completed') AS completed_runs,
          (SELECT count(*) FROM finished WHERE event_type = 'run.failed') AS failed_runs,
          (SELECT COALESCE(sum(cost_usd), 0) FROM finished) AS total_cost_usd,
          (SELECT COALESCE(avg(latency_ms), 0) FROM finished WHERE latency_ms IS NOT NULL) AS avg_latency_ms
      )
      SELECT total_runs, finished_runs, completed_runs, failed_runs,
        CASE WHEN finished_runs = 0 THEN 0 ELSE completed_runs::float8 / finished_runs END AS success_rate,
        total_cost_usd::float8 AS total_cost_usd,
        avg_latency_ms::float8 AS avg_latency_ms
      FROM counts""";

  private final Pool pool;

  AgentEventRepository(Pool pool) {
    this.pool = pool;
  }

  /** The reply, and the item the event opened (for the event the verticle publishes) or null. */
  record Saved(SavedAgentEvent reply, JsonObject item) {
  }

  /**
   * Stores the event unless its id is known; a new event's failure item (if any) is stored in the
   * same transaction.
   */
  Future<Saved> save(AgentEventSave save) {
    AgentEvent e = save.event();
    Tuple params = Tuple.tuple()
        .addValue(UUID.fromString(e.eventId()))
        .addString(e.eventVersion())
        .addString(e.eventType())
        .addValue(OffsetDateTime.parse(e.occurredAt()))
        .addString(e.tenantId())
        .addString(e.workspaceId())
        .addString(e.projectId())
        .addString(e.runId())
        .addString(e.agentId())
        .addString(e.workflowId())
        .addString(e.runStatus())
        .addValue(e.costUsd() == null ? null : BigDecimal.valueOf(e.costUsd()))
        .addValue(e.latencyMs())
        .addString(e.traceId())
        .addString(e.spanId())
        .addValue(new JsonObject(e.rawPayload()));
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT).execute(params).compose(rows -> {
      boolean persisted = rows.size() == 1;
      if (!persisted || save.workItem() == null) {
        return Future.succeededFuture(new Saved(new SavedAgentEvent(persisted, e.eventId(), null), null));
      }
      return WorkItemRepository.insertWithin(conn, save.workItem()).map(saved -> new Saved(
          new SavedAgentEvent(true, e.eventId(), saved.getString("work_item_id")), saved.getJsonObject("item")));
    }));
  }

  Future<AgentOverview> overview(AgentOverviewQuery query) {
    Tuple params = Tuple.tuple().addInteger(query.windowHours()).addString(query.tenantId())
        .addString(query.workspaceId()).addString(query.projectId()).addString(query.agentId())
        .addString(query.workflowId());
    return pool.preparedQuery(OVERVIEW).execute(params).map(rows -> fromRow(query, rows.iterator().next()));
  }

  static AgentOverview fromRow(AgentOverviewQuery query, Row row) {
    return new AgentOverview(query, row.getLong("total_runs"), row.getLong("finished_runs"),
        row.getLong("completed_runs"), row.getLong("failed_runs"), row.getDouble("success_rate"),
        row.getDouble("total_cost_usd"), row.getDouble("avg_latency_ms"));
  }
}
