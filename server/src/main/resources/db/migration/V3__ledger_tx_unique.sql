-- A ledger transaction posts at most one entry per account: a refund (or any other transaction) that
-- two nodes try to post for the same reservation is refused the second time instead of paying twice.
CREATE UNIQUE INDEX ledger_entries_tx_account ON ledger_entries (tx_id, account);
