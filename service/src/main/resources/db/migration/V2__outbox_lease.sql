-- Learner forwarding: an entry is leased by one forwarder while it is being delivered, so several
-- forwarder instances or cluster members never deliver it at the same time; a lease left by a
-- crashed process simply expires.
ALTER TABLE outcome_outbox ADD COLUMN lease_until TIMESTAMPTZ;

-- The head (oldest pending entry) of each work item is what the forwarder may claim.
CREATE INDEX outcome_outbox_pending_heads_idx ON outcome_outbox (work_item_id, id) WHERE status = 'pending';
CREATE INDEX outcome_outbox_dead_idx ON outcome_outbox (id) WHERE status = 'dead';
