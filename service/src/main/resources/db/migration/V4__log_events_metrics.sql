-- Log events (seed 002 single events, seed 004 batches) and metric points (seed 004), written in
-- batches before the 202; and the mined log patterns with the work item an error pattern raised.

CREATE TABLE log_events (
  id           BIGSERIAL PRIMARY KEY,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  occurred_at  TIMESTAMPTZ,
  service      TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error', 'critical')),
  message      TEXT NOT NULL,
  host         TEXT,
  endpoint     TEXT NOT NULL CHECK (endpoint IN ('api', 'batch')),
  request_id   TEXT,
  env          TEXT,
  action       TEXT,
  error_code   TEXT,
  attributes   JSONB
);
CREATE INDEX log_events_service_idx ON log_events (service, received_at DESC);

CREATE TABLE metric_points (
  id           BIGSERIAL PRIMARY KEY,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  occurred_at  TIMESTAMPTZ,
  name         TEXT NOT NULL,
  value        DOUBLE PRECISION NOT NULL,
  metric_type  TEXT NOT NULL CHECK (metric_type IN ('counter', 'gauge', 'histogram')),
  service      TEXT NOT NULL,
  host         TEXT,
  tags         JSONB
);
CREATE INDEX metric_points_name_idx ON metric_points (service, name, occurred_at DESC);
