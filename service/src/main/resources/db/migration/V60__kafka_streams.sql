-- Kafka transport. A batch read from a topic carries the id the edge gave it; each of its rows is
-- stored once per (batch, position), so a batch replayed after a rebalance, or relayed from the
-- fallback after an ambiguous send, adds nothing. Rows of the direct path have no batch id.
ALTER TABLE log_events ADD COLUMN batch_id UUID, ADD COLUMN batch_seq INT;
CREATE UNIQUE INDEX log_events_batch_idx ON log_events (batch_id, batch_seq) WHERE batch_id IS NOT NULL;

ALTER TABLE metric_points ADD COLUMN batch_id UUID, ADD COLUMN batch_seq INT;
CREATE UNIQUE INDEX metric_points_batch_idx ON metric_points (batch_id, batch_seq) WHERE batch_id IS NOT NULL;

-- Records the broker did not acknowledge in time, kept before the 202 and relayed in id order
-- when it is back. One relay at a time holds a lease on the head of the table.
CREATE TABLE stream_fallback (
  id           BIGSERIAL PRIMARY KEY,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  topic        TEXT NOT NULL,
  record_key   TEXT,
  record_value TEXT NOT NULL,
  lease_owner  TEXT,
  lease_until  TIMESTAMPTZ
);
