package dev.poker.server.table;

import dev.poker.engine.TableEngine;
import dev.poker.protocol.TableSummary;
import dev.poker.registry.Fanout;
import dev.poker.server.account.Accounts;
import dev.poker.server.logging.LogKeys;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.EventStore;
import dev.poker.server.time.Scheduler;
import dev.poker.server.trace.RequestTrace;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One table as an actor: every request, timer and store answer for the table runs through its
 * mailbox, one at a time, and only there is the table's state touched (by its {@link TableCore}).
 * This is the table as the rest of the node sees it; every call hands work to the mailbox and returns.
 *
 * <p>Concurrency: thread-safe; the core is confined to the mailbox.
 */
public final class TableActor implements TableHandle {
    private final String id;
    private final String name;
    private final long epoch;
    private final Mailbox mailbox;
    private final TableCore core;

    /**
     * A table from its state after event {@code lastSeq} (a new table: an empty state and 0), and the
     * events of the hand in progress (empty between hands). A rebuilt table's player to act gets a full
     * clock again.
     */
    TableActor(TableSetup setup, TableEngine engine, Executor pool, EventStore store, Fanout<TableBatch> fanout,
            Accounts accounts, Scheduler scheduler, TableTiming timing, PokerMetrics metrics, TableListener listener,
            PlayerReach reach) {
        this.id = setup.id();
        this.name = setup.name();
        this.epoch = setup.epoch();
        this.mailbox = new Mailbox(pool, "table " + id);
        this.core = new TableCore(setup, engine, mailbox, store, fanout, accounts, scheduler, timing, metrics, listener,
                reach, stop -> {
                    if (stop.reload()) {
                        listener.diverged(this);
                    } else {
                        listener.stopped(this, stop.why());
                    }
                });
        mailbox.logAs(() -> LogKeys.table(id, core.handNumber()));
        if (setup.lastSeq() > 0) {
            mailbox.execute(core::resume);
        }
    }

    @Override
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The epoch this copy writes with. */
    public long epoch() {
        return epoch;
    }

    public TableSummary summary() {
        return core.summary();
    }

    /** Whether the table is stopped (fenced, failed or handed over): it takes no more requests. */
    public boolean isStopped() {
        return core.stopped();
    }

    /** Why the table is paused (its store is unavailable) and since when, or null while it serves. */
    public NotServing pause() {
        return core.pause();
    }

    public int seatedPlayers() {
        return core.summary().players();
    }

    @Override
    public void request(TableRequest request) {
        if (request.trace() == null) {
            mailbox.execute(() -> core.request(request)); // not traced: nothing more than before
        } else {
            mailbox.execute(() -> RequestTrace.handle(request.trace(), id, request.message(), () -> core.request(request)));
        }
    }

    @Override
    public void catchUp(CatchUpQuery query, Consumer<CatchUp> done) {
        mailbox.execute(() -> core.catchUp(query, done));
    }

    @Override
    public void left(String account) {
        mailbox.execute(() -> core.left(account));
    }

    /** Display names of players seated before this copy started (rebuilt from the log). */
    void knowNames(Map<String, String> known) {
        core.knowNames(known);
    }

    /** Stops this copy of the table at once (its lease is gone): no more writes, no more actions. */
    public void relinquish(String why) {
        mailbox.execute(() -> core.relinquish(why));
    }

    /**
     * Hands the table over (drain): no new hand starts; once the hand in progress has ended and every
     * event is durable the table stops here and {@code done} runs, so another node resumes it between
     * hands. At {@code deadlineMs} (scheduler time) it stops as soon as its writes are durable, even
     * mid-hand; the next owner then resumes the hand from the log.
     */
    public void handOff(long deadlineMs, Runnable done) {
        mailbox.execute(() -> core.handOff(deadlineMs, done));
    }
}
