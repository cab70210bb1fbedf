-- A work item whose cleaned text has nothing the model can embed (only whitespace, control,
-- format or zero-width characters) ends 'not_embeddable' with the reason, on its first pass:
-- no retries, no vector, no index entry.
ALTER TABLE work_items DROP CONSTRAINT work_items_enrichment_state_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_enrichment_state_check
  CHECK (enrichment_state IN ('pending', 'cleaned', 'embedded', 'indexed', 'failed', 'not_embeddable'));

-- The sweeper's index covers unfinished items only; its predicate is the queries' text.
DROP INDEX work_items_enrichment_idx;
CREATE INDEX work_items_enrichment_idx ON work_items (enrichment_updated_at)
  WHERE enrichment_state NOT IN ('indexed', 'failed', 'not_embeddable');
