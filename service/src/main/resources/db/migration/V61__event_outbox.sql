-- Work-item and outcome events for Kafka, written by triggers in the transaction of the change
-- itself: a committed change always has its event, a rolled-back one never does. Rows wait here
-- until the relay has the broker's acknowledgement; id order is commit order for one work item
-- (its row lock serializes the transactions that change it).
CREATE TABLE event_outbox (
  id           BIGSERIAL PRIMARY KEY,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  topic        TEXT,
  record_key   TEXT NOT NULL,
  record_value TEXT NOT NULL,
  lease_owner  TEXT,
  lease_until  TIMESTAMPTZ
);

-- Off unless Kafka publishing is configured (the telemetry owner sets it at start), so a
-- deployment without Kafka does not fill a table nobody drains.
CREATE TABLE event_outbox_switch (
  singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  enabled   BOOLEAN NOT NULL
);
INSERT INTO event_outbox_switch (enabled) VALUES (false);

CREATE FUNCTION event_outbox_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item    JSONB;
  changed TEXT[];
  event   TEXT;
  body    JSONB;
  key     TEXT;
  eid     BIGINT;
BEGIN
  IF NOT (SELECT enabled FROM event_outbox_switch) THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'outcomes' THEN
    event := 'outcome.recorded';
    key := NEW.work_item_id;
    body := jsonb_build_object('outcome', to_jsonb(NEW));
  ELSE
    -- Bulky or internal columns stay out of the event: the item is fetched by id for those.
    key := NEW.id;
    item := to_jsonb(NEW) - ARRAY['raw_payload', 'raw_log', 'embedding', 'embedding_3d_x', 'embedding_3d_y',
      'embedding_3d_z', 'embedding_model', 'embedding_dim'];
    IF TG_OP = 'INSERT' THEN
      event := 'workitem.created';
      body := jsonb_build_object('work_item', item);
    ELSE
      SELECT array_agg(n.key ORDER BY n.key) INTO changed
      FROM jsonb_each(item) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
      WHERE n.value IS DISTINCT FROM o.value
        AND n.key <> ALL (ARRAY['updated_at', 'enrichment_state', 'enrichment_updated_at', 'enrichment_attempts',
          'enrichment_error', 'description_source', 'description_model', 'last_seen_at']);
      IF changed IS NULL THEN
        RETURN NULL;
      END IF;
      event := 'workitem.updated';
      body := jsonb_build_object('changed', to_jsonb(changed), 'work_item', item);
    END IF;
  END IF;
  eid := nextval(pg_get_serial_sequence('event_outbox', 'id'));
  INSERT INTO event_outbox (id, record_key, record_value)
  VALUES (eid, key, (jsonb_build_object('event_version', 1, 'event', event, 'event_id', eid::text,
    'occurred_at', now(), 'work_item_id', key) || body)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER work_items_event_outbox AFTER INSERT OR UPDATE ON work_items
  FOR EACH ROW EXECUTE FUNCTION event_outbox_record();
CREATE TRIGGER outcomes_event_outbox AFTER INSERT ON outcomes
  FOR EACH ROW EXECUTE FUNCTION event_outbox_record();
