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
 * Brings a table back on this node from its audit log, after this node took it over (its epoch fences
 * every older owner): replays its events through the engine's state, gives back buy-ins that were
 * reserved but never seated, and starts its actor, which resumes the hand in progress with a full
 * clock for the player to act.
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
    private final TableDirectory tables;

    public TableRebuilder(EventStore store, TableCatalog catalog, Accounts accounts, TableDirectory tables) {
        this.store = store;
        this.catalog = catalog;
        this.accounts = accounts;
        this.tables = tables;
    }

    /** Rebuilds {@code r}, taken over at {@code epoch}; returns the number of events replayed. */
    public long rebuild(TableCatalog.TableRecord r, long epoch) {
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
        TableActor actor = tables.restore(r.tableId(), r.name(), state, last,
                state.handRunning() ? hand : List.of(), epoch);
        actor.knowNames(names);
        return events;
    }
}
