package dev.poker.server.table;

import dev.poker.engine.TableState;
import dev.poker.server.store.StoredEvent;
import java.util.List;

/**
 * One table as this node starts running it: its id and name, the epoch this copy writes with, its
 * state after event {@code lastSeq} (a new table: an empty state and 0), and the events of the hand in
 * progress (empty between hands).
 */
public record TableSetup(String id, String name, long epoch, TableState state, long lastSeq,
        List<StoredEvent> currentHand) {

    public TableSetup {
        currentHand = List.copyOf(currentHand);
    }
}
