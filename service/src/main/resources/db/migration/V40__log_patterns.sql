-- Mined log patterns, per service, so that a restart continues counting on the same ids (issue 18).
-- Written in batches by the pattern verticle (one statement per flush), read once at its start.

CREATE TABLE log_patterns (
  service      TEXT NOT NULL,
  pattern_id   BIGINT NOT NULL CHECK (pattern_id > 0),
  template     TEXT NOT NULL,
  count        BIGINT NOT NULL CHECK (count >= 0),
  first_seen   TIMESTAMPTZ,
  last_seen    TIMESTAMPTZ,
  levels       JSONB NOT NULL DEFAULT '{}'::jsonb,
  examples     JSONB NOT NULL DEFAULT '[]'::jsonb,
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (service, pattern_id)
);
