-- Actions carry their idempotency key in `ref` (act:<account>/<actionId>, up to ~90 characters), so a
-- node that rebuilds a table knows which actions of the hand in progress were already applied.
ALTER TABLE table_events ALTER COLUMN ref SET DATA TYPE VARCHAR(160);
