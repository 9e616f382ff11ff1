package dev.poker.server.table;

import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.registry.Fanout;
import dev.poker.server.account.Accounts;
import dev.poker.server.logging.LogKeys;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.DivergedException;
import dev.poker.server.store.EventStore;
import dev.poker.server.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inside of a {@link TableActor}, on its mailbox: runs the engine and coordinates the table's
 * parts: {@link RequestIntake} (requests, idempotency, reservations), {@link DurablePipeline} (the
 * write path: events are seen only once durable), {@link TableClocks} (timers), {@link BatchAssembler}
 * and {@link HandTracker} (what is written), {@link BatchPublisher} (what follows durability),
 * {@link RecentBatches} and {@link CatchUps} (viewers that join or missed events), {@link TableHandOff}
 * (drain), {@link TableRecovery} (rebuilt, paused, diverged). A bug (the engine or a part throws)
 * answers {@code INTERNAL_ERROR}, logs at ERROR with the table and hand, and stops this copy of the table.
 *
 * <p>Concurrency: confined to the table's mailbox, except {@link #summary} and {@link #stopped}
 * (volatile, read by the lobby and tests; written only on the mailbox) and the display names (a
 * concurrent map).
 */
final class TableCore implements RequestIntake.Table {
    private static final Logger log = LoggerFactory.getLogger(TableCore.class);

    private final String id;
    private final String name;
    private final TableState state;
    private final TableEngine engine;
    private final PokerMetrics metrics;
    private final TableListener listener;
    private final Consumer<Stop> onStopped;
    private final DurablePipeline pipeline;
    private final TableClocks clocks;
    private final RequestIntake intake;
    private final BatchAssembler assembler;
    private final BatchPublisher publisher;
    private final CatchUps catchUps;
    private final TableHandOff handOff;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final List<Runnable> onStop = new ArrayList<>();
    private volatile boolean stopped;
    /** Whether this table counts in {@code poker_tables_paused} (its store writes are failing). */
    private boolean pausedCounted;
    private volatile TableSummary summary;
    private final TableRecovery recovery;

    /** {@code onStopped}: the table stopped here, and why (after everything waiting on it heard so). */
    TableCore(TableSetup setup, TableEngine engine, Mailbox mailbox, EventStore store, Fanout<TableBatch> fanout,
            Accounts accounts, Scheduler scheduler, TableTiming timing, PokerMetrics metrics, TableListener listener,
            PlayerReach reach, Consumer<Stop> onStopped) {
        this.id = setup.id();
        this.name = setup.name();
        this.state = setup.state();
        this.engine = engine;
        this.metrics = metrics;
        this.listener = listener;
        this.onStopped = onStopped;
        this.pipeline = new DurablePipeline(id, setup.epoch(), setup.lastSeq(), store, mailbox, scheduler,
                new Writes());
        this.clocks = new TableClocks(id, state, scheduler, mailbox, timing.handDelayMs(), timing.sitOutRemoveMs(),
                this::halted, this::mayStartHands, this::run, reach);
        this.recovery = new TableRecovery(id, setup.epoch(), state, clocks, pipeline, metrics,
                setup.currentHand().stream().map(e -> e.event()).toList());
        HandTracker hands = new HandTracker(id, name, state.config());
        setup.currentHand().forEach(hands::track);
        this.assembler = new BatchAssembler(id, setup.epoch(), state, hands, clocks, this::displayName);
        this.intake = new RequestIntake(id, state, this, new Reservations(id, accounts, mailbox),
                setup.currentHand());
        RecentBatches recent = new RecentBatches();
        this.publisher = new BatchPublisher(id, fanout, recent, metrics, listener);
        this.catchUps = new CatchUps(id, name, state, pipeline, recent, assembler, this::displayName);
        this.handOff = new TableHandOff(state, pipeline, clocks, mailbox, this::stop);
        updateSummary();
    }

    TableSummary summary() {
        return summary;
    }

    /** The hand in progress or last played (0 before the first); read on the mailbox only. */
    long handNumber() {
        return state.handNumber();
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    /** Why the table is paused and since when, or null while it serves (read from any thread). */
    NotServing pause() {
        return recovery.pause();
    }

    /** A rebuilt table resumes ({@link TableRecovery#onRebuilt}), and the timers run. */
    void resume() {
        Command first = recovery.onRebuilt();
        if (first != null) {
            run(first);
        }
        schedule();
    }

    void request(TableRequest request) {
        try {
            intake.onRequest(request);
        } catch (RuntimeException e) {
            // a bug outside the engine: the table's state may be half changed, so this copy stops
            LogKeys.withErrorCode(ErrorCode.INTERNAL_ERROR.name(), () -> log.error(
                    "table {} hand {}: request {} failed; stopping the table", id, state.handNumber(),
                    request.message(), e));
            request.from().reply(error(request.message().id(), ErrorCode.INTERNAL_ERROR,
                    "The table hit an internal error and was stopped."));
            if (!stopped) {
                stop("internal error");
            }
        }
    }

    void catchUp(CatchUpQuery query, Consumer<CatchUp> done) {
        if (stopped) {
            done.accept(null);
        } else {
            catchUps.answer(query, done, onStop);
        }
    }

    void left(String account) {
        catchUps.disconnected(account);
    }

    void knowNames(Map<String, String> known) {
        known.forEach(names::putIfAbsent);
    }

    void relinquish(String why) {
        if (!stopped) {
            stop(why);
        }
    }

    void handOff(long deadlineMs, Runnable done) {
        if (stopped) {
            done.run();
        } else {
            handOff.begin(deadlineMs, done);
        }
    }

    // ---- what the intake needs of the table (RequestIntake.Table) ------------------------------------

    @Override
    public boolean paused() {
        return pipeline.paused();
    }

    @Override
    public long seq() {
        return pipeline.seq();
    }

    @Override
    public List<Runnable> onStop() {
        return onStop;
    }

    @Override
    public Decision dryRun(Command command) {
        return engine.handle(state.copy(), command, clocks.now());
    }

    @Override
    public void balanceChanged(String account) {
        listener.balanceChanged(account);
    }

    @Override
    public void seen(String account, String displayName) {
        names.putIfAbsent(account, displayName);
    }

    // ---- the engine --------------------------------------------------------------------------------

    /** The engine's decision, or null when the engine failed (a bug: the table stops, INTERNAL_ERROR). */
    @Override
    public Decision handle(Command command) {
        try {
            return engine.handle(state, command, clocks.now());
        } catch (RuntimeException e) {
            // the state may be half changed, so this copy of the table must not go on
            LogKeys.withErrorCode(ErrorCode.INTERNAL_ERROR.name(), () -> log.error(
                    "table {} hand {}: engine failed on {}; stopping the table", id, state.handNumber(), command, e));
            stop("internal error");
            return null;
        }
    }

    @Override
    public void commit(List<TableEvent> events, Requester requester, Runnable afterDurable, String ref) {
        if (events.isEmpty()) {
            if (afterDurable != null) {
                pipeline.whenDurable(pipeline.seq(), afterDurable);
            }
            return;
        }
        pipeline.submit(assembler.assemble(events, pipeline::nextSeq, ref, requester,
                afterDurable == null ? List.of() : List.of(afterDurable)));
        schedule();
        updateSummary();
    }

    /** A command of the table itself (timers); nothing to answer. */
    private void run(Command command) {
        Decision d = handle(command);
        if (d != null && d.accepted()) {
            commit(d.events(), null, null, null);
        } else {
            schedule();
        }
    }

    private boolean halted() {
        return stopped || pipeline.paused();
    }

    private boolean mayStartHands() {
        return !handOff.active();
    }

    private void schedule() {
        if (!halted()) {
            clocks.arm(pipeline.busy(), !handOff.active());
        }
    }

    private void stop(String why) {
        stop(new Stop(why, false));
    }

    private void stop(Stop why) {
        stopped = true;
        metrics.tableStopped(why.reload() ? "diverged" : why.why());
        if (pausedCounted) {
            pausedCounted = false;
            metrics.tablesPaused(-1);
        }
        List<Runnable> failing = new ArrayList<>(onStop);
        onStop.clear();
        failing.forEach(Runnable::run);
        clocks.stop();
        pipeline.stop();
        onStopped.accept(why);
    }

    @Override
    public ServerMessage.Error error(String requestId, ErrorCode code, String message) {
        metrics.error(code);
        return ServerMessage.Error.of(requestId, code, message, id);
    }

    private String displayName(String account) {
        return names.getOrDefault(account, account);
    }

    private void updateSummary() {
        summary = Snapshots.summary(id, name, state);
    }

    /** The pipeline's answers. */
    private final class Writes implements DurablePipeline.Listener {
        @Override
        public void writeSucceeded() {
            schedule(); // arm the clock of a turn that is now durable before anyone is told about it
        }

        @Override
        public void durable(DurablePipeline.Pending p) {
            publisher.publish(p);
        }

        @Override
        public void paused(Throwable cause) {
            recovery.paused();
            pausedCounted = true;
            metrics.tablesPaused(1);
        }

        @Override
        public void settled(boolean resumed) {
            Command resume = resumed ? recovery.resumed() : null;
            if (resume != null) {
                run(resume); // the clock of the player to act runs on with the time it had left
            }
            if (resumed && pausedCounted) {
                pausedCounted = false;
                metrics.tablesPaused(-1);
            }
            schedule();
            handOff.check();
        }

        @Override
        public void fenced() {
            stop("fenced");
        }

        @Override
        public void diverged(DivergedException d) {
            stop(recovery.diverged(d));
        }
    }
}
