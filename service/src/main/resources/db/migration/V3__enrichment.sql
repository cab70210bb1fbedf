-- Enrichment (issue 3): vectors with their model and dimension, semantic duplicates, and the
-- state needed to resume unfinished enrichment after a restart.

-- A semantic duplicate is linked to its open twin instead of staying open.
ALTER TABLE work_items DROP CONSTRAINT work_items_status_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_status_check
  CHECK (status IN ('open', 'assigned', 'resolved', 'duplicate'));
ALTER TABLE work_items ADD COLUMN duplicate_of TEXT REFERENCES work_items (id);
ALTER TABLE work_items ADD COLUMN duplicate_score REAL;

-- The vector: float32 little-endian, embedding_dim values, made by embedding_model.
ALTER TABLE work_items ADD COLUMN embedding BYTEA;
ALTER TABLE work_items ADD COLUMN embedding_model TEXT;
ALTER TABLE work_items ADD COLUMN embedding_dim INTEGER;
ALTER TABLE work_items ADD CONSTRAINT work_items_embedding_check
  CHECK (embedding IS NULL OR (embedding_model IS NOT NULL AND octet_length(embedding) = 4 * embedding_dim));

-- When enrichment last touched the item: the sweeper resumes items left behind for longer.
ALTER TABLE work_items ADD COLUMN enrichment_updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

DROP INDEX work_items_enrichment_idx;
CREATE INDEX work_items_enrichment_idx ON work_items (enrichment_updated_at)
  WHERE enrichment_state NOT IN ('indexed', 'failed');
-- Start-up rebuild of the embedded index pages through embedded items by id.
CREATE INDEX work_items_embedded_idx ON work_items (id) WHERE embedding IS NOT NULL;
CREATE INDEX work_items_duplicate_of_idx ON work_items (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- The 3D projection (PCA) in use, so coordinates stay put across restarts until the next refit.
CREATE TABLE vector_projection (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  model       TEXT NOT NULL,
  dimension   INTEGER NOT NULL,
  fitted_on   INTEGER NOT NULL,
  mean        BYTEA NOT NULL,
  components  BYTEA NOT NULL,
  fitted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
