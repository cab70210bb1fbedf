-- Seed 001: agent run events (schema v0), stored once per event_id; the overview metrics are
-- computed from this table in SQL.

CREATE TABLE agent_events (
  event_id      UUID PRIMARY KEY,
  event_version TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  occurred_at   TIMESTAMPTZ NOT NULL,
  received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  tenant_id     TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  project_id    TEXT NOT NULL,
  run_id        TEXT NOT NULL,
  agent_id      TEXT NOT NULL,
  workflow_id   TEXT NOT NULL,
  run_status    TEXT NOT NULL,
  cost_usd      NUMERIC(20, 8) CHECK (cost_usd >= 0),
  latency_ms    DOUBLE PRECISION CHECK (latency_ms >= 0),
  trace_id      TEXT,
  span_id       TEXT,
  payload       JSONB NOT NULL
);

-- The overview scans a time window, optionally narrowed to a tenant.
CREATE INDEX agent_events_occurred_idx ON agent_events (occurred_at);
CREATE INDEX agent_events_tenant_idx ON agent_events (tenant_id, occurred_at);
CREATE INDEX agent_events_run_idx ON agent_events (tenant_id, run_id, occurred_at);
