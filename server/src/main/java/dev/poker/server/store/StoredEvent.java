package dev.poker.server.store;

import dev.poker.engine.TableEvent;

/** One event of a table's audit log: its sequence number, the hand it belongs to and when it happened. */
public record StoredEvent(long seq, long hand, long at, TableEvent event) {}
