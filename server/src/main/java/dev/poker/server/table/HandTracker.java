package dev.poker.server.table;

import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.HandEnded;
import dev.poker.engine.TableEvent.HandStarted;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the hand in progress event by event and yields its hand-history record when it ends, so the
 * record is written in the same commit as the event that ends the hand.
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class HandTracker {
    private final String tableId;
    private final String tableName;
    private final TableConfig config;
    private final List<TableEvent> events = new ArrayList<>();
    private long firstSeq;
    private long startedAt;

    HandTracker(String tableId, String tableName, TableConfig config) {
        this.tableId = tableId;
        this.tableName = tableName;
        this.config = config;
    }

    /** Follows {@code s}; returns the completed hand when it ends one, else null. */
    CompletedHand track(StoredEvent s) {
        TableEvent e = s.event();
        if (e instanceof HandStarted h) {
            events.clear();
            firstSeq = s.seq();
            startedAt = h.startedAt();
        }
        if (events.isEmpty() && !(e instanceof HandStarted)) {
            return null; // joined mid-hand without its start: no record for that hand
        }
        events.add(e);
        if (!(e instanceof HandEnded ended)) {
            return null;
        }
        CompletedHand done = HandRecords.completed(tableId, tableName, config, ended.handNumber(), firstSeq, s.seq(),
                startedAt, s.at(), events);
        events.clear();
        return done;
    }
}
