package dev.poker.server.table;

import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.server.account.Accounts;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.store.TableCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a table back from its audit log, after this node took it over (its epoch fences every older
 * owner): replays its events through the engine's state and gives back buy-ins that were reserved but
 * never seated. {@link TableDirectory#restore} then starts its actor, which resumes the hand in progress
 * with a full clock for the player to act.
 *
 * <p>Concurrency: stateless; may run for different tables at once. Blocks on the database: call it on a
 * worker, never on an event loop or an actor.
 */
public final class TableRebuilder {
    private static final Logger log = LoggerFactory.getLogger(TableRebuilder.class);
    private static final int CHUNK = 10_000;

    private final EventStore store;
    private final TableCatalog catalog;
    private final Accounts accounts;

    /**
     * A table as its log left it.
     *
     * @param currentHand the events of the hand in progress (empty between hands)
     * @param events how many events were replayed
     */
    public record Rebuilt(TableCatalog.TableRecord record, TableState state, long lastSeq,
            List<StoredEvent> currentHand, Map<String, String> names, long events) {}

    public TableRebuilder(EventStore store, TableCatalog catalog, Accounts accounts) {
        this.store = store;
        this.catalog = catalog;
        this.accounts = accounts;
    }

    /** Reads {@code r} back from its log (blocks on the database). */
    public Rebuilt rebuild(TableCatalog.TableRecord r) {
        TableState state = new TableState(r.config());
        List<StoredEvent> hand = new ArrayList<>();
        long last = 0;
        long events = 0;
        while (true) {
            List<StoredEvent> chunk = store.read(r.tableId(), last, CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            for (StoredEvent e : chunk) {
                state.apply(e.event());
                if (e.event() instanceof TableEvent.HandStarted) {
                    hand.clear();
                }
                if (state.handRunning() || e.event() instanceof TableEvent.HandStarted) {
                    hand.add(e);
                } else {
                    hand.clear();
                }
                last = e.seq();
            }
            events += chunk.size();
        }
        for (TableCatalog.Unsettled u : catalog.unsettled(r.tableId())) {
            log.info("table {}: giving back {} chips of an unsettled buy-in to {}", r.tableId(), u.amount(),
                    u.accountId());
            try {
                accounts.release(u.accountId(), u.amount(), r.tableId(), u.ref()).join();
            } catch (RuntimeException e) {
                // another node gave it back first (a ledger transaction is posted once): nothing owed
                log.info("table {}: buy-in {} was given back already: {}", r.tableId(), u.ref(), e.toString());
            }
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < state.seatCount(); i++) {
            if (state.seat(i) != null) {
                String player = state.seat(i).playerId();
                accounts.find(player).ifPresent(a -> names.put(player, a.name()));
            }
        }
        return new Rebuilt(r, state, last, state.handRunning() ? List.copyOf(hand) : List.of(), Map.copyOf(names),
                events);
    }
}
