package dev.poker.server.table;

import dev.poker.engine.TableEngine;
import dev.poker.engine.deck.DeckSource;
import dev.poker.registry.Fanout;
import dev.poker.server.account.Accounts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.EventStore;
import dev.poker.server.time.Scheduler;
import java.util.concurrent.Executor;

/**
 * Starts table actors with what each part of a table needs: the engine (with the node's deck source),
 * the pool their mailboxes run on, the audit log, the fan-out, the accounts (buy-ins), the scheduler,
 * the timing settings and the metrics.
 *
 * <p>Concurrency: immutable; {@link #start} may be called from any thread.
 */
public final class TableFactory {
    private final DeckSource decks;
    private final Executor pool;
    private final EventStore store;
    private final Fanout<TableBatch> fanout;
    private final Accounts accounts;
    private final Scheduler scheduler;
    private final TableTiming timing;
    private final PokerMetrics metrics;
    private final PlayerReach reach;

    /** A factory for a node whose players always reach its tables (standalone). */
    public TableFactory(DeckSource decks, Executor pool, EventStore store, Fanout<TableBatch> fanout,
            Accounts accounts, Scheduler scheduler, TableTiming timing, PokerMetrics metrics) {
        this(decks, pool, store, fanout, accounts, scheduler, timing, metrics, PlayerReach.ALWAYS);
    }

    /** {@code reach}: whether a seated player can reach this node's tables now (their clocks hold if not). */
    public TableFactory(DeckSource decks, Executor pool, EventStore store, Fanout<TableBatch> fanout,
            Accounts accounts, Scheduler scheduler, TableTiming timing, PokerMetrics metrics, PlayerReach reach) {
        this.reach = reach;
        this.decks = decks;
        this.pool = pool;
        this.store = store;
        this.fanout = fanout;
        this.accounts = accounts;
        this.scheduler = scheduler;
        this.timing = timing;
        this.metrics = metrics;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    PokerMetrics metrics() {
        return metrics;
    }

    /** A running actor for {@code setup}; {@code listener} hears when it stops and what it changes outside. */
    public TableActor start(TableSetup setup, TableListener listener) {
        return new TableActor(setup, new TableEngine(decks), pool, store, fanout, accounts, scheduler, timing, metrics,
                listener, reach);
    }
}
