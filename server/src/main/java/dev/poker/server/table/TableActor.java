package dev.poker.server.table;

import dev.poker.engine.Action;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.LegalActions;
import dev.poker.engine.Rejection;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.*;
import dev.poker.engine.TableState;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.registry.Fanout;
import dev.poker.server.ErrorCode;
import dev.poker.server.account.Accounts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.FencedException;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.time.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table as an actor: every command, timer and store answer for the table runs through its
 * mailbox, one at a time, and only there is the table's state touched.
 *
 * <p>The write path: the engine applies a command's events to the state at once; the events get
 * sequence numbers and go to the event store; only when the store says they are durable are they
 * published to viewers and the requester answered. One write per table is in flight at a time;
 * batches that arrive meanwhile go in the next write. If the store fails, the table pauses (commands
 * get {@code STORE_UNAVAILABLE}, clocks hold) and retries the same events until they are written; if
 * the store refuses the write as fenced, the table stops at once.
 *
 * <p>Concurrency: all fields are confined to the mailbox, except the volatile summary fields, which
 * the lobby reads from other threads.
 */
public final class TableActor implements TableHandle {
    private static final Logger log = LoggerFactory.getLogger(TableActor.class);
    private static final int RECENT_EVENTS = 4096;
    private static final int REMEMBERED_ANSWERS = 4096;
    /** The ref of an action's events in the log: {@code act:<account>/<actionId>}. */
    private static final String ACT_REF = "act:";

    private final String id;
    private final String name;
    private final long epoch;
    private final TableState state;
    private final TableEngine engine;
    private final Mailbox mailbox;
    private final TableServices services;

    private long seq;
    private long durableSeq;
    private final ArrayDeque<Pending> unwritten = new ArrayDeque<>();
    private List<Pending> writing = List.of();
    private final ArrayDeque<TableBatch> recent = new ArrayDeque<>();
    private int recentEvents;
    private final TreeMap<Long, List<Runnable>> whenDurable = new TreeMap<>();
    private final Map<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > REMEMBERED_ANSWERS && eldest.getValue().message != null;
        }
    };
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<String, ArrayDeque<Runnable>> held = new HashMap<>();

    private Scheduler.Cancellable clockTimer;
    private String clockKey = "";
    private Scheduler.Cancellable startTimer;
    private final Map<Integer, Scheduler.Cancellable> removalTimers = new HashMap<>();
    private Scheduler.Cancellable retryTimer;
    private long retryDelayMs = 100;
    private boolean paused;
    private boolean stopped;
    private Runnable handOff;
    private boolean handOffNow;
    private final List<Runnable> onStop = new ArrayList<>();

    private volatile TableSummary summary;
    private volatile int seatedPlayers;

    /** A batch not yet durable, with what to do once it is. */
    private record Pending(TableBatch batch, List<Runnable> afterDurable, long receivedNanos,
            List<CompletedHand> hands) {}

    /** The answer to an idempotent action: null while its events are being written. */
    private static final class Answer {
        ServerMessage message;
        final List<Runnable> waiting = new ArrayList<>(1);
    }

    TableActor(String id, String name, TableConfig config, long epoch, TableEngine engine, Executor pool,
            TableServices services) {
        this(id, name, new TableState(config), 0, List.of(), epoch, engine, pool, services);
    }

    /**
     * A table rebuilt from its log: {@code state} after event {@code lastSeq}, and the events of the hand
     * in progress (empty between hands). The player to act gets a full clock again.
     */
    TableActor(String id, String name, TableState state, long lastSeq, List<StoredEvent> currentHand, long epoch,
            TableEngine engine, Executor pool, TableServices services) {
        this.id = id;
        this.name = name;
        this.epoch = epoch;
        this.state = state;
        this.engine = engine;
        this.mailbox = new Mailbox(pool, "table " + id);
        this.services = services;
        this.seq = lastSeq;
        this.durableSeq = lastSeq;
        for (StoredEvent e : currentHand) {
            trackHand(e);
            if (e.ref() != null && e.ref().startsWith(ACT_REF)) {
                // an action of this hand that is in the log: a retry after the restart gets its answer again
                Answer known = new Answer();
                known.message = new ServerMessage.Ack(null, id, e.seq());
                answers.put(e.ref().substring(ACT_REF.length()), known);
            }
        }
        updateSummary();
        if (lastSeq > 0) {
            mailbox.execute(() -> {
                resumeClock();
                schedule();
            });
        }
    }

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

    public int seatedPlayers() {
        return seatedPlayers;
    }

    /** Whether the table is stopped (fenced or failed): it takes no more commands. */
    public boolean isStopped() {
        return stopped;
    }

    // ---- requests from clients -----------------------------------------------------------------

    /** A client request about this table, from a connection of {@code accountId}. */
    public void request(Viewer from, String accountId, String displayName, ClientMessage message, long receivedNanos) {
        mailbox.execute(() -> onRequest(from, accountId, displayName, message, receivedNanos));
    }

    @Override
    public void catchUp(String account, Long lastSeq, String requestId, boolean joining,
            Consumer<LocalViewers.CatchUp> done) {
        mailbox.execute(() -> onCatchUp(account, lastSeq, requestId, joining, done));
    }

    @Override
    public void left(String account) {
        connectionLost(account);
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
                return;
            }
            handOff = done;
            cancel(startTimer);
            startTimer = null;
            long delay = Math.max(0, deadlineMs - services.scheduler().nowMillis());
            services.scheduler().schedule(delay, () -> mailbox.execute(() -> {
                handOffNow = true;
                finishHandOff();
            }));
            finishHandOff();
        });
    }

    private void finishHandOff() {
        if (handOff == null || stopped || !writing.isEmpty() || !unwritten.isEmpty()
                || (state.handRunning() && !handOffNow)) {
            return;
        }
        Runnable done = handOff;
        handOff = null;
        stop("handed over");
        done.run();
    }

    private void onRequest(Viewer from, String account, String displayName, ClientMessage m, long receivedNanos) {
        ArrayDeque<Runnable> waiting = held.get(account);
        if (waiting != null) {
            // a buy-in or top-up of this player is being reserved: their commands keep their order
            waiting.add(() -> onRequest(from, account, displayName, m, receivedNanos));
            return;
        }
        if (stopped) {
            reply(from, error(m.id(), ErrorCode.TABLE_CLOSED, "This table is closed on this node; reconnect.", true));
            return;
        }
        if (paused) {
            reply(from, error(m.id(), ErrorCode.STORE_UNAVAILABLE,
                    "The table is paused while its storage is unavailable; retry shortly.", true));
            return;
        }
        if (displayName != null) {
            names.putIfAbsent(account, displayName);
        }
        if (m instanceof ClientMessage.Act a) {
            act(from, account, a, receivedNanos);
        } else if (m instanceof ClientMessage.Sit s) {
            sit(from, account, s, receivedNanos);
        } else if (m instanceof ClientMessage.TopUp t) {
            topUp(from, account, t, receivedNanos);
        } else {
            int seat = state.seatOf(account);
            if (seat < 0) {
                reply(from, error(m.id(), ErrorCode.NOT_SEATED, "You have no seat at this table.", false));
                return;
            }
            Command c;
            if (m instanceof ClientMessage.Leave) {
                c = new Command.Leave(seat);
            } else if (m instanceof ClientMessage.SitOut) {
                c = new Command.SitOut(seat);
            } else if (m instanceof ClientMessage.SitIn s) {
                c = new Command.SitIn(seat, Boolean.TRUE.equals(s.waitForBigBlind()));
            } else {
                reply(from, error(m.id(), ErrorCode.INVALID_MESSAGE, "That message is not for a table.", false));
                return;
            }
            decide(from, m.id(), c, receivedNanos, null, null);
        }
    }

    private void act(Viewer from, String account, ClientMessage.Act a, long receivedNanos) {
        String key = account + "/" + a.actionId();
        Answer known = answers.get(key);
        if (known != null) {
            // the same action id again: one effect, the same answer
            if (known.message != null) {
                reply(from, withId(known.message, a.id()));
            } else {
                known.waiting.add(() -> reply(from, withId(known.message, a.id())));
            }
            return;
        }
        int seat = state.seatOf(account);
        if (seat < 0) {
            reply(from, error(a.id(), ErrorCode.NOT_SEATED, "You have no seat at this table.", false));
            return;
        }
        Answer answer = new Answer();
        answers.put(key, answer);
        Action action = Action.valueOf(a.action().toUpperCase(Locale.ROOT));
        long amount = a.amount() == null ? 0 : a.amount();
        decide(from, a.id(), new Command.Act(seat, a.hand(), action, amount), receivedNanos, answer, ACT_REF + key);
    }

    private void sit(Viewer from, String account, ClientMessage.Sit s, long receivedNanos) {
        Command sitDown = new Command.SitDown(account, s.seat(), s.buyIn(), Boolean.TRUE.equals(s.postBigBlind()));
        withReservation(from, account, s.id(), sitDown, s.buyIn(), receivedNanos);
    }

    private void topUp(Viewer from, String account, ClientMessage.TopUp t, long receivedNanos) {
        int seat = state.seatOf(account);
        if (seat < 0) {
            reply(from, error(t.id(), ErrorCode.NOT_SEATED, "You have no seat at this table.", false));
            return;
        }
        withReservation(from, account, t.id(), new Command.TopUp(seat, t.amount()), t.amount(), receivedNanos);
    }

    /**
     * A command that brings chips to the table: checked against the rules first (without changing
     * anything), then the chips are reserved from the balance (off this thread: it may touch the
     * database), then the command runs; if it no longer applies, the reservation is given back.
     */
    private void withReservation(Viewer from, String account, String requestId, Command command, long amount,
            long receivedNanos) {
        Decision dry = engine.handle(state.copy(), command, services.scheduler().nowMillis());
        if (dry instanceof Decision.Rejected r) {
            reply(from, rejection(requestId, r.rejection()));
            return;
        }
        String ref = "r" + id + "-" + java.util.UUID.randomUUID();
        held.put(account, new ArrayDeque<>());
        services.accounts().reserve(account, amount, id, ref).whenComplete((ok, failure) -> mailbox.execute(() -> {
            try {
                settle(from, account, requestId, command, amount, receivedNanos, ref, ok, failure);
            } finally {
                release(account);
            }
        }));
    }

    /** Runs the requests a player sent while their reservation was pending, in order. */
    private void release(String account) {
        ArrayDeque<Runnable> waiting = held.remove(account);
        while (waiting != null && !waiting.isEmpty()) {
            ArrayDeque<Runnable> again = held.get(account);
            if (again != null) {
                again.addAll(waiting); // a new reservation started: the rest waits for it
                return;
            }
            waiting.poll().run();
        }
    }

    private void settle(Viewer from, String account, String requestId, Command command, long amount,
            long receivedNanos, String ref, Boolean ok, Throwable failure) {
        if (failure != null) {
                reply(from, error(requestId, ErrorCode.STORE_UNAVAILABLE, "Balances are unavailable; retry shortly.",
                        true));
            } else if (!ok) {
                reply(from, error(requestId, ErrorCode.INSUFFICIENT_BALANCE, "Your balance does not cover "
                        + amount + " chips.", false));
            } else if (stopped || paused || !decide(from, requestId, command, receivedNanos, null, ref)) {
                services.accounts().release(account, amount, id, ref);
                if (stopped || paused) {
                    reply(from, error(requestId, ErrorCode.STORE_UNAVAILABLE, "The table is paused; retry shortly.",
                            true));
                }
        } else {
            sendBalance(account);
        }
    }

    /** Runs a command through the engine; answers the requester (after durability when accepted). */
    private boolean decide(Viewer from, String requestId, Command command, long receivedNanos, Answer answer,
            String ref) {
        Decision d = handle(command);
        if (d instanceof Decision.Rejected r) {
            ServerMessage err = rejection(requestId, r.rejection());
            if (answer != null) {
                answer.message = err;
            }
            reply(from, err);
            return false;
        }
        long lastSeq = seq + d.events().size();
        // if this copy stops before the events are durable (fenced, lease lost), they never happened here:
        // the requester hears so and retries on the table's next owner (an act with the same actionId once)
        Runnable notSaved = () -> {
            if (answer != null) {
                answers.values().remove(answer);
                answer.waiting.clear();
            }
            reply(from, error(requestId, ErrorCode.TABLE_MOVING,
                    "The table moved to another node before your request was saved; send it again.", true));
        };
        onStop.add(notSaved);
        Runnable ack = () -> {
            onStop.remove(notSaved);
            ServerMessage ok = new ServerMessage.Ack(requestId, id, lastSeq);
            if (answer != null) {
                answer.message = ok;
                answer.waiting.forEach(Runnable::run);
                answer.waiting.clear();
            }
            reply(from, ok);
        };
        commit(d.events(), ack, receivedNanos, ref);
        return true;
    }

    private Decision handle(Command command) {
        try {
            return engine.handle(state, command, services.scheduler().nowMillis());
        } catch (RuntimeException e) {
            // a bug: the state may be half changed, so this copy of the table must not go on
            log.error("table {}: engine failed on {}; stopping the table", id, command, e);
            stop("internal error");
            return new Decision.Rejected(new Rejection(dev.poker.engine.RejectCode.HAND_NOT_RUNNING,
                    "The table hit an internal error and was stopped.", null));
        }
    }

    // ---- the write path ------------------------------------------------------------------------

    private void commit(List<TableEvent> events, Runnable afterDurable, long receivedNanos) {
        commit(events, afterDurable, receivedNanos, null);
    }

    /**
     * {@code ref}: what the batch settles (a buy-in's ledger transaction, or an action's idempotency key),
     * stored on its last event, or null.
     */
    private void commit(List<TableEvent> events, Runnable afterDurable, long receivedNanos, String ref) {
        if (events.isEmpty()) {
            if (afterDurable != null) {
                whenDurable(seq, afterDurable);
            }
            return;
        }
        long now = services.scheduler().nowMillis();
        long hand = state.handNumber();
        List<StoredEvent> stored = new ArrayList<>(events.size());
        List<CompletedHand> completed = new ArrayList<>(1);
        Map<Long, String> privateTo = Map.of();
        // the hand of events before a HandStarted in this batch is the previous hand
        long current = hand;
        for (TableEvent e : events) {
            if (e instanceof HandStarted) {
                current = hand - 1;
                break;
            }
        }
        for (TableEvent e : events) {
            if (e instanceof HandStarted h) {
                current = h.handNumber();
            }
            // the ref goes on the batch's last event, whose seq is the one the requester's ack names
            boolean last = stored.size() == events.size() - 1;
            StoredEvent s = new StoredEvent(++seq, current, now, e, last ? ref : null);
            stored.add(s);
            CompletedHand done = trackHand(s);
            if (done != null) {
                completed.add(done);
            }
            if (e instanceof HoleCardsDealt h) {
                if (privateTo.isEmpty()) {
                    privateTo = new HashMap<>();
                }
                privateTo.put(s.seq(), state.seat(h.seat()).playerId());
            }
            onApplied(e);
        }
        ServerMessage.YourTurn turn = null;
        String turnAccount = null;
        TableEvent last = events.get(events.size() - 1);
        if ((last instanceof TurnStarted || last instanceof TimeBankStarted) && state.toAct() >= 0) {
            LegalActions legal = TableEngine.legalActions(state);
            turnAccount = state.seat(legal.seat()).playerId();
            turn = yourTurn(legal);
        }
        Map<String, String> seatedNames = Map.of();
        for (TableEvent e : events) {
            if (e instanceof PlayerSeated p) {
                if (seatedNames.isEmpty()) {
                    seatedNames = new HashMap<>();
                }
                seatedNames.put(p.playerId(), displayName(p.playerId()));
            }
        }
        TableBatch batch = new TableBatch(id, List.copyOf(stored), privateTo, turn, turnAccount, seatedNames);
        List<Runnable> after = afterDurable == null ? List.of() : List.of(afterDurable);
        unwritten.add(new Pending(batch, after, receivedNanos, completed));
        writeNext();
        schedule();
        updateSummary();
    }

    private void writeNext() {
        if (paused || stopped || !writing.isEmpty() || unwritten.isEmpty()) {
            return;
        }
        writing = new ArrayList<>(unwritten);
        unwritten.clear();
        List<StoredEvent> events = new ArrayList<>();
        List<CompletedHand> hands = new ArrayList<>();
        for (Pending p : writing) {
            events.addAll(p.batch().events());
            hands.addAll(p.hands());
        }
        services.store().append(id, epoch, events, hands)
                .whenComplete((ok, error) -> mailbox.execute(() -> written(error)));
    }

    private void written(Throwable error) {
        if (stopped) {
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof FencedException) {
            log.warn("table {}: write refused, another node owns it now (epoch {} is stale)", id, epoch);
            stop("fenced");
            return;
        }
        if (cause != null) {
            if (!paused) {
                log.warn("table {}: store unavailable, pausing: {}", id, cause.toString());
            }
            paused = true;
            cancelTimers();
            retryTimer = services.scheduler().schedule(retryDelayMs, () -> mailbox.execute(this::retry));
            retryDelayMs = Math.min(5_000, retryDelayMs * 2);
            return;
        }
        List<Pending> done = writing;
        writing = List.of();
        retryDelayMs = 100;
        boolean resumed = paused;
        paused = false;
        // arm the clock of a turn that is now durable before anyone is told about it
        schedule();
        for (Pending p : done) {
            publish(p);
        }
        if (resumed) {
            log.info("table {}: store is back, resuming", id);
            resumeClock();
        }
        writeNext();
        schedule();
        finishHandOff();
    }

    private void retry() {
        if (stopped || !paused) {
            return;
        }
        List<Pending> again = writing;
        writing = List.of();
        // put the failed batches back in front and write everything again, in order
        for (int i = again.size() - 1; i >= 0; i--) {
            unwritten.addFirst(again.get(i));
        }
        paused = false;
        writeNext();
        paused = !writing.isEmpty();
    }

    /** A batch is durable: everyone may see it now. */
    private void publish(Pending p) {
        TableBatch b = p.batch();
        durableSeq = b.lastSeq();
        services.fanout().publish(id, b);
        remember(b);
        for (StoredEvent e : b.events()) {
            onDurable(e.event());
        }
        p.afterDurable().forEach(Runnable::run);
        Iterator<Map.Entry<Long, List<Runnable>>> it = whenDurable.headMap(durableSeq, true).entrySet().iterator();
        while (it.hasNext()) {
            it.next().getValue().forEach(Runnable::run);
            it.remove();
        }
        if (p.receivedNanos() > 0) {
            services.metrics().actionLatency(System.nanoTime() - p.receivedNanos());
        }
    }

    private void whenDurable(long atSeq, Runnable r) {
        if (durableSeq >= atSeq) {
            r.run();
        } else {
            whenDurable.computeIfAbsent(atSeq, s -> new ArrayList<>()).add(r);
        }
    }

    private void remember(TableBatch b) {
        recent.add(b);
        recentEvents += b.events().size();
        while (recentEvents > RECENT_EVENTS && recent.size() > 1) {
            recentEvents -= recent.removeFirst().events().size();
        }
    }

    /** Bookkeeping when an event is applied (not yet durable): timers that depend on the state. */
    private void onApplied(TableEvent e) {
        if (e instanceof PlayerSatOut s) {
            String player = state.seat(s.seat()).playerId();
            cancelRemoval(s.seat());
            removalTimers.put(s.seat(), services.scheduler().schedule(services.config().sitOutRemoveMs(),
                    () -> mailbox.execute(() -> removeIfStillOut(s.seat(), player))));
        } else if (e instanceof PlayerSatIn s) {
            cancelRemoval(s.seat());
        } else if (e instanceof PlayerLeft l) {
            cancelRemoval(l.seat());
        }
    }

    /** Effects outside the table once an event is durable: chips back to balances, counters. */
    private void onDurable(TableEvent e) {
        if (e instanceof PlayerLeft l) {
            sendBalance(l.playerId()); // the store credited the chips with the event
        } else if (e instanceof HandEnded) {
            services.metrics().handCompleted();
        } else if (e instanceof PotAwarded p && p.rake() > 0) {
            services.metrics().rake(p.rake());
        }
    }

    // ---- timers ----------------------------------------------------------------------------------

    private void schedule() {
        if (paused || stopped) {
            return;
        }
        int toAct = state.toAct();
        if (toAct >= 0 && (!writing.isEmpty() || !unwritten.isEmpty())) {
            // the turn is not durable yet, so nobody has seen it: its clock starts once it is
            // (written() calls schedule() again), never while the store is failing
        } else if (toAct >= 0) {
            long hand = state.handNumber();
            long deadline = state.deadline();
            String key = hand + "/" + toAct + "/" + deadline;
            if (!key.equals(clockKey)) {
                cancel(clockTimer);
                clockKey = key;
                long delay = deadline - services.scheduler().nowMillis();
                clockTimer = services.scheduler().schedule(delay,
                        () -> mailbox.execute(() -> clockRanOut(hand, toAct, deadline)));
            }
        } else if (clockTimer != null) {
            cancel(clockTimer);
            clockTimer = null;
            clockKey = "";
        }
        if (handOff == null && !state.handRunning() && startTimer == null && TableEngine.canStartHand(state)) {
            startTimer = services.scheduler().schedule(services.config().handDelayMs(),
                    () -> mailbox.execute(this::startHand));
        }
    }

    private void clockRanOut(long hand, int seat, long deadline) {
        if (paused || stopped || state.handNumber() != hand || state.toAct() != seat || state.deadline() != deadline) {
            return;
        }
        clockKey = "";
        Decision d = handle(new Command.Timeout(seat, hand));
        if (d.accepted()) {
            commit(d.events(), null, 0);
        } else {
            schedule();
        }
    }

    private void startHand() {
        startTimer = null;
        if (handOff != null || paused || stopped || state.handRunning() || !TableEngine.canStartHand(state)) {
            return;
        }
        Decision d = handle(new Command.StartHand());
        if (d.accepted()) {
            commit(d.events(), null, 0);
        }
    }

    private void removeIfStillOut(int seat, String player) {
        removalTimers.remove(seat);
        if (paused || stopped || state.seat(seat) == null || !state.seat(seat).playerId().equals(player)
                || !state.seat(seat).sittingOut()) {
            return;
        }
        Decision d = handle(new Command.Leave(seat));
        if (d.accepted()) {
            commit(d.events(), null, 0);
        }
    }

    /** After a pause (or on recovery) the player to act gets a full clock again. */
    private void resumeClock() {
        if (state.toAct() >= 0) {
            Decision d = handle(new Command.RestartClock());
            if (d.accepted()) {
                commit(d.events(), null, 0);
            }
        }
    }

    private void cancelTimers() {
        cancel(clockTimer);
        clockTimer = null;
        clockKey = "";
        cancel(startTimer);
        startTimer = null;
    }

    private void cancelRemoval(int seat) {
        cancel(removalTimers.remove(seat));
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    // ---- viewers --------------------------------------------------------------------------------

    /**
     * What {@code account} needs to follow the table: the batches after {@code lastSeq} if they are
     * still held here, else a snapshot; then the ack of {@code requestId} and the account's pending
     * your_turn. Answered once everything up to it is durable; null when the table stops first.
     */
    private void onCatchUp(String account, Long lastSeq, String requestId, boolean joining,
            Consumer<LocalViewers.CatchUp> done) {
        if (stopped) {
            done.accept(null);
            return;
        }
        if (joining) {
            connected(account);
        }
        long at = seq;
        List<TableBatch> missed = lastSeq == null ? null : missedSince(lastSeq, at);
        ServerMessage.Snapshot snapshot = missed != null ? null
                : new ServerMessage.Snapshot(id, at, Snapshots.view(id, name, state, account,
                        connections.keySet(), this::displayName));
        ServerMessage.YourTurn turn = null;
        if (state.toAct() >= 0 && state.seat(state.toAct()).playerId().equals(account)) {
            turn = yourTurn(TableEngine.legalActions(state));
        }
        ServerMessage.YourTurn pendingTurn = turn;
        boolean[] answered = {false};
        Runnable failed = () -> {
            if (!answered[0]) {
                answered[0] = true;
                done.accept(null);
            }
        };
        onStop.add(failed);
        whenDurable(at, () -> {
            onStop.remove(failed);
            if (answered[0]) {
                return;
            }
            answered[0] = true;
            List<String> frames = new ArrayList<>();
            if (snapshot != null) {
                frames.add(services.codec().encode(snapshot));
            } else {
                for (TableBatch b : missed) {
                    frames.addAll(services.viewers().frames(b, account));
                }
            }
            if (requestId != null) {
                frames.add(services.codec().encode(new ServerMessage.Ack(requestId, id, at)));
            }
            if (pendingTurn != null) {
                frames.add(services.codec().encode(pendingTurn));
            }
            done.accept(new LocalViewers.CatchUp(at, frames));
        });
    }

    /** The batches after {@code lastSeq} up to {@code upTo}, or null when they are no longer all held. */
    private List<TableBatch> missedSince(long lastSeq, long upTo) {
        if (lastSeq > upTo || lastSeq < 0) {
            return null;
        }
        List<TableBatch> out = new ArrayList<>();
        if (lastSeq == upTo) {
            return out;
        }
        if (recent.isEmpty() || recent.peekFirst().firstSeq() > lastSeq + 1) {
            return null;
        }
        for (TableBatch b : recent) {
            if (b.lastSeq() > lastSeq) {
                if (b.firstSeq() <= lastSeq) {
                    return null; // the client stopped inside a batch: a snapshot is simpler and exact
                }
                out.add(b);
            }
        }
        for (Pending p : writing) {
            out.add(p.batch());
        }
        for (Pending p : unwritten) {
            out.add(p.batch());
        }
        return out;
    }

    /** A connection of this account went away (or stopped watching). The seat stays; the clock runs. */
    public void connectionLost(String accountId) {
        mailbox.execute(() -> disconnected(accountId));
    }

    private void connected(String account) {
        if (account != null) {
            connections.merge(account, 1, Integer::sum);
        }
    }

    private void disconnected(String account) {
        if (account != null) {
            connections.computeIfPresent(account, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void stop(String why) {
        stopped = true;
        List<Runnable> failing = new ArrayList<>(onStop);
        onStop.clear();
        failing.forEach(Runnable::run);
        cancelTimers();
        removalTimers.values().forEach(TableActor::cancel);
        removalTimers.clear();
        cancel(retryTimer);
        services.onStopped(this, why);
    }

    private ServerMessage.YourTurn yourTurn(LegalActions legal) {
        List<String> actions = new ArrayList<>();
        for (Action a : Action.values()) {
            if (legal.allows(a)) {
                actions.add(a.name().toLowerCase(Locale.ROOT));
            }
        }
        return new ServerMessage.YourTurn(id, legal.handNumber(), legal.seat(), actions, legal.callAmount(),
                legal.minTo(), legal.maxTo(), state.deadline(), state.seat(legal.seat()).timeBankMs());
    }

    private ServerMessage rejection(String requestId, Rejection r) {
        return error(requestId, r.code().name(), r.message(), false);
    }

    private ServerMessage.Error error(String requestId, String code, String message, boolean retryable) {
        services.metrics().error(code);
        return new ServerMessage.Error(requestId, code, message, retryable, id);
    }

    private static ServerMessage withId(ServerMessage m, String requestId) {
        if (m instanceof ServerMessage.Ack a) {
            return new ServerMessage.Ack(requestId, a.table(), a.seq());
        }
        if (m instanceof ServerMessage.Error e) {
            return new ServerMessage.Error(requestId, e.code(), e.message(), e.retryable(), e.table());
        }
        return m;
    }

    private void reply(Viewer to, ServerMessage m) {
        to.send(services.codec().encode(m));
    }

    private void sendBalance(String account) {
        services.workers().execute(() -> {
            try {
                services.accounts().find(account).ifPresent(a -> services.sessions().sendTo(account,
                        services.codec().encode(new ServerMessage.Balance(account, a.balance()))));
            } catch (RuntimeException e) {
                log.debug("balance of {} not sent: {}", account, e.toString());
            }
        });
    }

    // ---- hand history ------------------------------------------------------------------------------

    private final List<TableEvent> handEvents = new ArrayList<>();
    private long handFirstSeq;
    private long handStartedAt;

    /** Follows the hand in progress; returns the completed hand when this event ends it. */
    private CompletedHand trackHand(StoredEvent s) {
        TableEvent e = s.event();
        if (e instanceof HandStarted h) {
            handEvents.clear();
            handFirstSeq = s.seq();
            handStartedAt = h.startedAt();
        }
        if (handEvents.isEmpty() && !(e instanceof HandStarted)) {
            return null;
        }
        handEvents.add(e);
        if (!(e instanceof HandEnded ended)) {
            return null;
        }
        CompletedHand done = HandRecords.completed(id, name, state.config(), ended.handNumber(), handFirstSeq,
                s.seq(), handStartedAt, s.at(), handEvents);
        handEvents.clear();
        return done;
    }

    private String displayName(String account) {
        return names.getOrDefault(account, account);
    }

    private void updateSummary() {
        int players = 0;
        for (int i = 0; i < state.seatCount(); i++) {
            if (state.seat(i) != null) {
                players++;
            }
        }
        seatedPlayers = players;
        TableConfig c = state.config();
        summary = new TableSummary(id, name, c.seats(), players, c.smallBlind(), c.bigBlind(), c.ante(),
                c.minBuyIn(), c.maxBuyIn(), state.handsCompleted());
    }

    /** The services a table uses, shared by all tables of a node. */
    public interface TableServices {
        EventStore store();

        Fanout<TableBatch> fanout();

        LocalViewers viewers();

        Accounts accounts();

        Scheduler scheduler();

        PokerMetrics metrics();

        ProtocolCodec codec();

        dev.poker.server.NodeConfig config();

        /** Sends a frame to every connection of an account on this node. */
        SessionDirectory sessions();

        /** For work that may block (the database). */
        Executor workers();

        /** The table stopped (fenced, or an internal error). */
        void onStopped(TableActor table, String why);
    }

    /** Connections by account on this node. */
    public interface SessionDirectory {
        void sendTo(String accountId, String frame);
    }

    /** Names of accounts seen at this table (for tests). */
    Set<String> knownAccounts() {
        return names.keySet();
    }
}
