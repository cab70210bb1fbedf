-- Change markers for the embedded vector index's snapshot (vectors.IndexSnapshot). A snapshot
-- records the oldest transaction still running when it was taken; at start the index re-reads
-- every item whose indexed fields were written by that transaction or a later one. Transaction
-- ids, not a sequence: a sequence value is drawn before its transaction commits, so a later
-- number can be visible before an earlier one and a snapshot's "everything up to N" would skip it.
ALTER TABLE work_items ADD COLUMN index_xid BIGINT;

CREATE FUNCTION work_items_index_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.index_xid := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

-- Only writes that change what the index holds (the vector and the fields searches filter on):
-- enrichment's other updates leave the marker, and its index entry, alone.
CREATE TRIGGER work_items_index_mark_insert BEFORE INSERT ON work_items
  FOR EACH ROW WHEN (NEW.embedding IS NOT NULL) EXECUTE FUNCTION work_items_index_mark();
CREATE TRIGGER work_items_index_mark_update BEFORE UPDATE ON work_items
  FOR EACH ROW WHEN (OLD.embedding IS DISTINCT FROM NEW.embedding
    OR OLD.embedding_model IS DISTINCT FROM NEW.embedding_model
    OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.merged_into IS DISTINCT FROM NEW.merged_into
    OR OLD.service IS DISTINCT FROM NEW.service
    OR OLD.severity IS DISTINCT FROM NEW.severity
    OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION work_items_index_mark();

-- Rows written before this migration keep a null marker: no snapshot can be older than it.
CREATE INDEX work_items_index_xid_idx ON work_items (index_xid, id) WHERE index_xid IS NOT NULL;

-- Work items are not deleted today; should they be, the index learns it from here.
CREATE TABLE vector_index_removals (
  id        TEXT NOT NULL,
  index_xid BIGINT NOT NULL
);
CREATE INDEX vector_index_removals_xid_idx ON vector_index_removals (index_xid);

CREATE FUNCTION work_items_index_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO vector_index_removals (id, index_xid) VALUES (OLD.id, pg_current_xact_id()::text::bigint);
  RETURN NULL;
END $$;

CREATE TRIGGER work_items_index_removal AFTER DELETE ON work_items
  FOR EACH ROW WHEN (OLD.embedding IS NOT NULL) EXECUTE FUNCTION work_items_index_removal();

-- Which database a snapshot's markers belong to: a snapshot is only caught up from the database
-- it was taken against (a new database starts its transaction ids afresh).
CREATE TABLE database_identity (
  singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  id        TEXT NOT NULL DEFAULT gen_random_uuid()::text
);
INSERT INTO database_identity DEFAULT VALUES;
