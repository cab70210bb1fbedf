-- Issue 13: identity beats similarity; every merge is explained and reversible; occurrences are
-- new firings.
--
-- * Statuses are the seed's again (open, assigned, resolved). Being folded into another item is a
--   separate state: merged_into, with the explanation in work_item_merges.
-- * Items whose text is close but whose native identities differ are related, never merged
--   (work_item_relations, one row per pair, smaller id first).
-- * A split undoes a semantic merge and is kept as a labelled negative pair (work_item_splits).
-- * last_occurrence_key: the source's key of the latest firing (Alertmanager startsAt, ...); a
--   repeat with the same key is a re-notification, not an occurrence.

ALTER TABLE work_items ADD COLUMN merged_into TEXT REFERENCES work_items (id);
ALTER TABLE work_items ADD COLUMN last_occurrence_key TEXT;
CREATE INDEX work_items_merged_into_idx ON work_items (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE work_item_merges (
  id            BIGSERIAL PRIMARY KEY,
  work_item_id  TEXT NOT NULL REFERENCES work_items (id),
  target_id     TEXT NOT NULL REFERENCES work_items (id),
  kind          TEXT NOT NULL CHECK (kind IN ('semantic')),
  score         REAL,
  model         TEXT,
  threshold     REAL,
  merged_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- merged: in force; split: undone by a person; released: the target resolved while this was live.
  state         TEXT NOT NULL DEFAULT 'merged' CHECK (state IN ('merged', 'split', 'released')),
  ended_at      TIMESTAMPTZ,
  ended_by      TEXT,
  CHECK (work_item_id <> target_id)
);
-- At most one merge in force per item.
CREATE UNIQUE INDEX work_item_merges_current_idx ON work_item_merges (work_item_id) WHERE state = 'merged';
CREATE INDEX work_item_merges_target_idx ON work_item_merges (target_id, id);

CREATE TABLE work_item_relations (
  item_a      TEXT NOT NULL REFERENCES work_items (id),
  item_b      TEXT NOT NULL REFERENCES work_items (id),
  score       REAL NOT NULL,
  model       TEXT,
  threshold   REAL,
  related_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (item_a, item_b),
  CHECK (item_a < item_b)
);
CREATE INDEX work_item_relations_b_idx ON work_item_relations (item_b);

CREATE TABLE work_item_splits (
  id            BIGSERIAL PRIMARY KEY,
  work_item_id  TEXT NOT NULL REFERENCES work_items (id),
  target_id     TEXT NOT NULL REFERENCES work_items (id),
  kind          TEXT NOT NULL,
  score         REAL,
  model         TEXT,
  threshold     REAL,
  item_text     TEXT,
  target_text   TEXT,
  actor_id      TEXT,
  reason        TEXT,
  merged_at     TIMESTAMPTZ,
  split_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Existing semantic duplicates. Native identities were never meant to merge: those become related
-- (and the occurrence the merge added to the target is taken back). Items without one stay merged,
-- unless their target is resolved: then they are live on their own again.
INSERT INTO work_item_relations (item_a, item_b, score, model, threshold)
SELECT LEAST(d.id, d.duplicate_of), GREATEST(d.id, d.duplicate_of), COALESCE(d.duplicate_score, 0), d.embedding_model, NULL
FROM work_items d
WHERE d.status = 'duplicate' AND d.duplicate_of IS NOT NULL AND d.source_key IS NOT NULL
ON CONFLICT DO NOTHING;

UPDATE work_items t SET occurrence_count = GREATEST(1, t.occurrence_count - r.n)
FROM (SELECT duplicate_of AS id, count(*)::int AS n FROM work_items
      WHERE status = 'duplicate' AND duplicate_of IS NOT NULL AND source_key IS NOT NULL
      GROUP BY duplicate_of) r
WHERE t.id = r.id;

INSERT INTO work_item_merges (work_item_id, target_id, kind, score, model, threshold, merged_at, state, ended_at, ended_by)
SELECT d.id, d.duplicate_of, 'semantic', d.duplicate_score, d.embedding_model, NULL, d.updated_at,
  CASE WHEN t.status = 'resolved' THEN 'released' ELSE 'merged' END,
  CASE WHEN t.status = 'resolved' THEN now() END,
  CASE WHEN t.status = 'resolved' THEN 'migration:target_resolved' END
FROM work_items d JOIN work_items t ON t.id = d.duplicate_of
WHERE d.status = 'duplicate' AND d.source_key IS NULL;

UPDATE work_items d SET merged_into = CASE WHEN t.status = 'resolved' OR d.source_key IS NOT NULL THEN NULL ELSE d.duplicate_of END
FROM work_items t
WHERE d.status = 'duplicate' AND t.id = d.duplicate_of;

-- A duplicate was an open item when it was linked; it is open again (its own status).
UPDATE work_items SET status = 'open' WHERE status = 'duplicate';

ALTER TABLE work_items DROP CONSTRAINT work_items_status_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_status_check CHECK (status IN ('open', 'assigned', 'resolved'));
DROP INDEX IF EXISTS work_items_duplicate_of_idx;
ALTER TABLE work_items DROP COLUMN duplicate_of;
ALTER TABLE work_items DROP COLUMN duplicate_score;
