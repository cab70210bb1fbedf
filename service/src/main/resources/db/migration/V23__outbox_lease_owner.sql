-- Who holds a lease: '<node id>/<run>'. A member restarted after a crash releases the leases its
-- previous run held (same node id, another run) instead of waiting for them to expire.
ALTER TABLE outcome_outbox ADD COLUMN lease_owner TEXT;
