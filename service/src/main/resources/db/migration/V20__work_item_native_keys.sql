-- Issue 5: more sources. Each source's own identity key (PagerDuty dedup_key, Alertmanager
-- fingerprint, Datadog alert cycle key, Jira issue key, agent run id) is kept on the item next to
-- the hashed fingerprint used for dedup, with the other native references of the payload; and
-- an acknowledgement (PagerDuty "acknowledge") marks the item without changing its status.

ALTER TABLE work_items
  ADD COLUMN source_key      TEXT,
  ADD COLUMN source_refs     JSONB,
  ADD COLUMN acknowledged_at TIMESTAMPTZ,
  ADD COLUMN acknowledged_by TEXT;

CREATE INDEX work_items_source_key_idx ON work_items (source, source_key) WHERE source_key IS NOT NULL;
