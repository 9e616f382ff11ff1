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
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.EventStore;
import dev.poker.server.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table as an actor: every request, timer and store answer for the table runs through its
 * mailbox, one at a time, and only there is the table's state touched. The actor runs the engine and
 * coordinates its parts: {@link RequestIntake} (requests, idempotency, reservations),
 * {@link DurablePipeline} (the write path: events are seen only once durable), {@link TableClocks}
 * (timers), {@link BatchAssembler} and {@link HandTracker} (what is written), {@link BatchPublisher}
 * (what follows durability), {@link RecentBatches} and {@link CatchUps} (viewers that join or missed
 * events), {@link TableHandOff} (drain).
 *
 * <p>Concurrency: all fields are confined to the mailbox, except {@link #summary} and {@link #stopped}
 * (volatile, read by the lobby and tests; written only on the mailbox) and the display names (a
 * concurrent map).
 */
public final class TableActor implements TableHandle {
    private static final Logger log = LoggerFactory.getLogger(TableActor.class);

    private final String id;
    private final String name;
    private final long epoch;
    private final TableState state;
    private final TableEngine engine;
    private final Mailbox mailbox;
    private final PokerMetrics metrics;
    private final TableListener listener;
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
    private volatile TableSummary summary;

    /**
     * A table from its state after event {@code lastSeq} (a new table: an empty state and 0), and the
     * events of the hand in progress (empty between hands). A rebuilt table's player to act gets a full
     * clock again.
     */
    TableActor(TableSetup setup, TableEngine engine, Executor pool, EventStore store, Fanout<TableBatch> fanout,
            Accounts accounts, Scheduler scheduler, TableTiming timing, PokerMetrics metrics, TableListener listener) {
        this.id = setup.id();
        this.name = setup.name();
        this.epoch = setup.epoch();
        this.state = setup.state();
        this.engine = engine;
        this.mailbox = new Mailbox(pool, "table " + id);
        this.metrics = metrics;
        this.listener = listener;
        this.pipeline = new DurablePipeline(id, epoch, setup.lastSeq(), store, mailbox, scheduler, new Writes());
        this.clocks = new TableClocks(state, scheduler, mailbox, timing.handDelayMs(), timing.sitOutRemoveMs(),
                new Timers());
        HandTracker hands = new HandTracker(id, name, state.config());
        setup.currentHand().forEach(hands::track);
        this.assembler = new BatchAssembler(id, state, hands, clocks, this::displayName);
        this.intake = new RequestIntake(id, state, new Intake(), new Reservations(id, accounts, mailbox),
                setup.currentHand());
        RecentBatches recent = new RecentBatches();
        this.publisher = new BatchPublisher(id, fanout, recent, metrics, listener);
        this.catchUps = new CatchUps(id, name, state, pipeline, recent, assembler, this::displayName);
        this.handOff = new TableHandOff(state, pipeline, clocks, mailbox, this::stop);
        updateSummary();
        if (setup.lastSeq() > 0) {
            mailbox.execute(() -> {
                resumeClock();
                schedule();
            });
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
        return summary;
    }

    /** Whether the table is stopped (fenced, failed or handed over): it takes no more requests. */
    public boolean isStopped() {
        return stopped;
    }

    public int seatedPlayers() {
        return summary.players();
    }

    @Override
    public void request(TableRequest request) {
        mailbox.execute(() -> {
            try {
                intake.onRequest(request);
            } catch (RuntimeException e) {
                // a bug outside the engine: the table's state may be half changed, so this copy stops
                log.error("table {} hand {}: request {} failed; stopping the table", id, state.handNumber(),
                        request.message(), e);
                request.from().reply(error(request.message().id(), ErrorCode.INTERNAL_ERROR,
                        "The table hit an internal error and was stopped."));
                if (!stopped) {
                    stop("internal error");
                }
            }
        });
    }

    @Override
    public void catchUp(CatchUpQuery query, Consumer<CatchUp> done) {
        mailbox.execute(() -> {
            if (stopped) {
                done.accept(null);
            } else {
                catchUps.answer(query, done, onStop);
            }
        });
    }

    @Override
    public void left(String account) {
        mailbox.execute(() -> catchUps.disconnected(account));
    }

    /** Display names of players seated before this copy started (rebuilt from the log). */
    void knowNames(Map<String, String> known) {
        known.forEach(names::putIfAbsent);
    }

    /** Stops this copy of the table at once (its lease is gone): no more writes, no more actions. */
    public void relinquish(String why) {
        mailbox.execute(() -> {
            if (!stopped) {
                stop(why);
            }
        });
    }

    /**
     * Hands the table over (drain): no new hand starts; once the hand in progress has ended and every
     * event is durable the table stops here and {@code done} runs, so another node resumes it between
     * hands. At {@code deadlineMs} (scheduler time) it stops as soon as its writes are durable, even
     * mid-hand; the next owner then resumes the hand from the log.
     */
    public void handOff(long deadlineMs, Runnable done) {
        mailbox.execute(() -> {
            if (stopped) {
                done.run();
            } else {
                handOff.begin(deadlineMs, done);
            }
        });
    }

    // ---- the engine --------------------------------------------------------------------------------

    /** The engine's decision, or null when the engine failed (a bug: the table stops, INTERNAL_ERROR). */
    private Decision handle(Command command) {
        try {
            return engine.handle(state, command, clocks.now());
        } catch (RuntimeException e) {
            // the state may be half changed, so this copy of the table must not go on
            log.error("table {} hand {}: engine failed on {}; stopping the table", id, state.handNumber(), command, e);
            stop("internal error");
            return null;
        }
    }

    /** Runs a command through the engine; answers the requester (after durability when accepted). */
    private boolean decide(Requester r, Command command, RequestIntake.Answer answer, String ref) {
        Decision d = handle(command);
        if (!(d instanceof Decision.Accepted)) {
            ServerMessage err = d == null
                    ? error(r.requestId(), ErrorCode.INTERNAL_ERROR, "The table hit an internal error and was stopped.")
                    : error(r.requestId(), ErrorCode.of(((Decision.Rejected) d).rejection().code()),
                            ((Decision.Rejected) d).rejection().message());
            if (answer != null) {
                answer.answered(err);
            }
            r.from().reply(err);
            return false;
        }
        // if this copy stops before the events are durable (fenced, lease lost), they never happened here:
        // the requester hears so and retries on the table's next owner (an act with the same actionId once)
        Runnable notSaved = () -> {
            if (answer != null) {
                intake.forget(answer);
            }
            r.from().reply(error(r.requestId(), ErrorCode.TABLE_MOVING,
                    "The table moved to another node before your request was saved; send it again."));
        };
        onStop.add(notSaved);
        boolean inStream = !d.events().isEmpty() && r.receipt(0) != null;
        long lastSeq = pipeline.seq() + d.events().size();
        Runnable ack = () -> {
            onStop.remove(notSaved);
            if (answer != null) {
                answer.answered(new ServerMessage.Ack(r.requestId(), id, lastSeq));
            }
            r.acknowledge(id, lastSeq, inStream);
        };
        commit(d.events(), r, ack, ref);
        return true;
    }

    private void commit(List<TableEvent> events, Requester requester, Runnable afterDurable, String ref) {
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

    private void schedule() {
        if (!pipeline.paused() && !stopped) {
            clocks.arm(pipeline.busy(), !handOff.active());
        }
    }

    /** After a pause (or on recovery) the player to act gets a full clock again. */
    private void resumeClock() {
        if (state.toAct() >= 0) {
            run(new Command.RestartClock());
        }
    }

    private void stop(String why) {
        stopped = true;
        List<Runnable> failing = new ArrayList<>(onStop);
        onStop.clear();
        failing.forEach(Runnable::run);
        clocks.stop();
        pipeline.stop();
        listener.stopped(this, why);
    }

    private ServerMessage.Error error(String requestId, ErrorCode code, String message) {
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
            clocks.hold();
        }

        @Override
        public void settled(boolean resumed) {
            if (resumed) {
                resumeClock();
            }
            schedule();
            handOff.check();
        }

        @Override
        public void fenced() {
            stop("fenced");
        }
    }

    /** What the clocks need of the table. */
    private final class Timers implements TableClocks.Table {
        @Override
        public boolean halted() {
            return stopped || pipeline.paused();
        }

        @Override
        public boolean mayStartHands() {
            return !handOff.active();
        }

        @Override
        public void run(Command command) {
            TableActor.this.run(command);
        }
    }

    /** What the intake needs of the table. */
    private final class Intake implements RequestIntake.Table {
        @Override
        public ServerMessage.Error refusal(String requestId) {
            if (stopped) {
                return error(requestId, ErrorCode.TABLE_CLOSED, "This table is closed on this node; reconnect.");
            }
            if (pipeline.paused()) {
                return error(requestId, ErrorCode.STORE_UNAVAILABLE,
                        "The table is paused while its storage is unavailable; retry shortly.");
            }
            return null;
        }

        @Override
        public boolean accepting() {
            return !stopped && !pipeline.paused();
        }

        @Override
        public boolean decide(Requester requester, Command command, RequestIntake.Answer answer, String ref) {
            return TableActor.this.decide(requester, command, answer, ref);
        }

        @Override
        public Decision dryRun(Command command) {
            return engine.handle(state.copy(), command, clocks.now());
        }

        @Override
        public ServerMessage.Error error(String requestId, ErrorCode code, String message) {
            return TableActor.this.error(requestId, code, message);
        }

        @Override
        public void balanceChanged(String account) {
            listener.balanceChanged(account);
        }

        @Override
        public void seen(String account, String displayName) {
            names.putIfAbsent(account, displayName);
        }
    }
}
