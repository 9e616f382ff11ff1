package dev.poker.server.store;

import dev.poker.engine.TableEvent;

/**
 * One event of a table's audit log: its sequence number, the hand it belongs to, when it happened,
 * and {@code ref}, the id of the ledger transaction it settles (a buy-in or top-up), or null.
 */
public record StoredEvent(long seq, long hand, long at, TableEvent event, String ref) {

    public StoredEvent(long seq, long hand, long at, TableEvent event) {
        this(seq, hand, at, event, null);
    }
}
