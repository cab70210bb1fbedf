-- Seed 000's work_items and outcomes tables, plus what the product needs on top:
-- lifecycle status, source identity for dedup, enrichment state, and the outcome outbox.
-- Timestamps are timestamptz (the seed's TIMESTAMP loses the zone).

CREATE TABLE work_items (
  id                  TEXT PRIMARY KEY,
  type                TEXT NOT NULL CHECK (type IN ('incident', 'ticket', 'alert')),
  service             TEXT NOT NULL,
  severity            TEXT NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3', 'sev4')),
  description         TEXT,
  raw_log             TEXT,
  embedding_3d_x      REAL,
  embedding_3d_y      REAL,
  embedding_3d_z      REAL,
  created_at          TIMESTAMPTZ NOT NULL,
  origin_system       TEXT,
  creator_id          TEXT,
  jira_issue_key      TEXT,
  raw_payload         TEXT,
  story_points        INTEGER CHECK (story_points BETWEEN 1 AND 21),
  impact              TEXT CHECK (impact IN ('high', 'medium', 'low')),

  status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'resolved')),
  assignee_id         TEXT,
  escalated           BOOLEAN NOT NULL DEFAULT false,
  source              TEXT NOT NULL,
  fingerprint         TEXT NOT NULL,
  occurrence_count    INTEGER NOT NULL DEFAULT 1 CHECK (occurrence_count >= 1),
  last_seen_at        TIMESTAMPTZ NOT NULL,
  updated_at          TIMESTAMPTZ NOT NULL,

  -- Enrichment (clean -> embed -> index) runs after the item is stored.
  description_source  TEXT CHECK (description_source IN ('llm', 'rules')),
  description_model   TEXT,
  enrichment_state    TEXT NOT NULL DEFAULT 'pending'
                      CHECK (enrichment_state IN ('pending', 'cleaned', 'embedded', 'indexed', 'failed')),
  enrichment_error    TEXT,
  enrichment_attempts INTEGER NOT NULL DEFAULT 0
);

-- List filters, newest first (GET /work-items), each usable alone.
CREATE INDEX work_items_created_idx ON work_items (created_at DESC, id DESC);
CREATE INDEX work_items_service_idx ON work_items (service, created_at DESC, id DESC);
CREATE INDEX work_items_severity_idx ON work_items (severity, created_at DESC, id DESC);
CREATE INDEX work_items_status_idx ON work_items (status, created_at DESC, id DESC);
-- Dedup looks for the open twin of a fingerprint.
CREATE INDEX work_items_open_fingerprint_idx ON work_items (fingerprint, last_seen_at DESC)
  WHERE status <> 'resolved';
CREATE INDEX work_items_jira_key_idx ON work_items (jira_issue_key) WHERE jira_issue_key IS NOT NULL;
-- Enrichment resumes unfinished items after a restart.
CREATE INDEX work_items_enrichment_idx ON work_items (enrichment_state, created_at)
  WHERE enrichment_state NOT IN ('indexed', 'failed');

CREATE TABLE outcomes (
  id               TEXT PRIMARY KEY,
  work_item_id     TEXT NOT NULL REFERENCES work_items (id),
  event_id         TEXT UNIQUE NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('resolved', 'reassigned', 'escalated')),
  decision_id      TEXT,
  actor_id         TEXT,
  service          TEXT NOT NULL,
  timestamp        TEXT NOT NULL,
  new_assignee_id  TEXT,
  notes            TEXT,
  recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX outcomes_work_item_idx ON outcomes (work_item_id, recorded_at);

-- Written in the same transaction as its outcome; the Learner forwarder drains it.
CREATE TABLE outcome_outbox (
  id               BIGSERIAL PRIMARY KEY,
  outcome_id       TEXT NOT NULL UNIQUE REFERENCES outcomes (id),
  event_id         TEXT NOT NULL,
  work_item_id     TEXT NOT NULL,
  payload          JSONB NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error       TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  delivered_at     TIMESTAMPTZ
);

CREATE INDEX outcome_outbox_pending_idx ON outcome_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outcome_outbox_work_item_idx ON outcome_outbox (work_item_id, id);
