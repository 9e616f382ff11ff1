package dev.poker.server.table;

import dev.poker.engine.Command;
import dev.poker.engine.SeatState;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.PlayerLeft;
import dev.poker.engine.TableEvent.PlayerSatIn;
import dev.poker.engine.TableEvent.PlayerSatOut;
import dev.poker.engine.TableState;
import dev.poker.server.time.Scheduler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A table's timers: the action clock (and time bank) of the player to act, the pause before the next
 * hand, and the removal of players who sit out too long. The deadlines are in the table's state (the
 * engine's); this class arms timers for them and, when one fires on the table's mailbox and still
 * applies, runs its command (a timeout, the next hand, a removal). A turn's clock starts only once the
 * turn is durable, since nobody has seen it before.
 *
 * <p>A clock that runs out for a player who cannot reach the table because of an outage of the cluster's
 * Redis ({@link PlayerReach}) does not act for them: it holds, checked every second, for as long as the
 * outage lasts up to {@link PlayerReach#holdCapMs} after it began, then runs on with the time the player
 * had when the outage began (or when their turn started, if later).
 *
 * {@code halted}: the table is stopped or paused (timers that fire then do nothing); {@code mayStartHands}:
 * not while it is handed over; {@code run}: runs a command of the table itself.
 *
 * <p>Concurrency: confined to the table's mailbox; timers fire on the scheduler's thread and only
 * hand work to the mailbox.
 */
final class TableClocks {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TableClocks.class);


    private final String tableId;
    private final TableState state;
    private final Scheduler scheduler;
    private final Executor mailbox;
    private final long handDelayMs;
    private final long sitOutRemoveMs;
    private final BooleanSupplier halted;
    private final BooleanSupplier mayStartHands;
    private final Consumer<Command> run;
    private final PlayerReach reach;
    private Scheduler.Cancellable clockTimer;
    private String clockKey = "";
    /** When the running clock of the player to act was held (0: not held, or it was not running). */
    private long heldAtMs;
    /** When the running clock was armed (its turn became visible). */
    private long armedAtMs;
    /** While a clock holds for a player cut off by an outage: when it stopped running (else 0). */
    private long outageHeldAtMs;
    private Scheduler.Cancellable outageCheck;
    private Scheduler.Cancellable startTimer;
    private final Map<Integer, Scheduler.Cancellable> removalTimers = new HashMap<>();

    TableClocks(String tableId, TableState state, Scheduler scheduler, Executor mailbox, long handDelayMs, long sitOutRemoveMs,
            BooleanSupplier halted, BooleanSupplier mayStartHands, Consumer<Command> run, PlayerReach reach) {
        this.tableId = tableId;
        this.state = state;
        this.scheduler = scheduler;
        this.mailbox = mailbox;
        this.handDelayMs = handDelayMs;
        this.sitOutRemoveMs = sitOutRemoveMs;
        this.halted = halted;
        this.mayStartHands = mayStartHands;
        this.run = run;
        this.reach = reach;
    }

    long now() {
        return scheduler.nowMillis();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Arms what the state calls for: the clock of the player to act (unless the turn is not durable
     * yet: {@code writesPending}), and the next hand's start when one can start and {@code mayStartHands}.
     */
    void arm(boolean writesPending, boolean mayStartHands) {
        int toAct = state.toAct();
        if (toAct >= 0 && writesPending) {
            // the turn is not durable yet, so nobody has seen it: its clock starts once it is
        } else if (toAct >= 0) {
            long hand = state.handNumber();
            long deadline = state.deadline();
            String key = hand + "/" + toAct + "/" + deadline;
            if (!key.equals(clockKey)) {
                cancel(clockTimer);
                cancelOutageHold();
                clockKey = key;
                armedAtMs = scheduler.nowMillis();
                clockTimer = scheduler.schedule(deadline - scheduler.nowMillis(),
                        () -> mailbox.execute(() -> clockRanOut(hand, toAct, deadline)));
            }
        } else if (clockTimer != null) {
            cancel(clockTimer);
            clockTimer = null;
            clockKey = "";
        }
        if (mayStartHands && !state.handRunning() && startTimer == null && TableEngine.canStartHand(state)) {
            startTimer = scheduler.schedule(handDelayMs, () -> mailbox.execute(() -> {
                startTimer = null;
                if (this.mayStartHands.getAsBoolean() && !halted.getAsBoolean() && !state.handRunning()
                        && TableEngine.canStartHand(state)) {
                    run.accept(new Command.StartHand());
                }
            }));
        }
    }

    private void clockRanOut(long hand, int seat, long deadline) {
        if (halted.getAsBoolean() || state.handNumber() != hand || state.toAct() != seat || state.deadline() != deadline) {
            return; // the turn moved on meanwhile
        }
        clockKey = ""; // acted on: the same deadline may be armed again
        long since = unreachableSince(seat);
        if (since > 0) {
            outageHeldAtMs = Math.max(since, armedAtMs);
            checkOutage(hand, seat, deadline, since);
            return;
        }
        run.accept(new Command.Timeout(seat, hand));
    }

    /** Since when the player in {@code seat} has been cut off by an outage, if their clock may still hold (else 0). */
    private long unreachableSince(int seat) {
        SeatState s = state.seat(seat);
        long cap = reach.holdCapMs();
        long since = s == null || cap <= 0 ? 0 : reach.unreachableSince(s.playerId());
        return since > 0 && scheduler.nowMillis() - since < cap ? since : 0;
    }

    /** Every second while the clock holds: still cut off (and within the cap), or run the clock on. */
    private void checkOutage(long hand, int seat, long deadline, long since) {
        long wait = Math.min(1_000, Math.max(1, since + reach.holdCapMs() - scheduler.nowMillis()));
        outageCheck = scheduler.schedule(wait, () -> mailbox.execute(() -> {
            outageCheck = null;
            if (halted.getAsBoolean() || state.handNumber() != hand || state.toAct() != seat
                    || state.deadline() != deadline) {
                return;
            }
            long still = unreachableSince(seat);
            if (still > 0) {
                checkOutage(hand, seat, deadline, still);
                return;
            }
            long heldAt = outageHeldAtMs;
            outageHeldAtMs = 0;
            log.info("table {} hand {}: the clock of seat {} runs on after {} ms held for an outage", tableId, hand,
                    seat, scheduler.nowMillis() - heldAt);
            run.accept(new Command.ResumeClock(heldAt));
        }));
    }

    private void cancelOutageHold() {
        cancel(outageCheck);
        outageCheck = null;
        outageHeldAtMs = 0;
    }

    /** Timers that depend on an event just applied (not yet durable): sitting out starts the removal clock. */
    void onApplied(TableEvent e) {
        if (e instanceof PlayerSatOut s) {
            String player = state.seat(s.seat()).playerId();
            cancel(removalTimers.remove(s.seat()));
            removalTimers.put(s.seat(), scheduler.schedule(sitOutRemoveMs, () -> mailbox.execute(() -> {
                removalTimers.remove(s.seat());
                SeatState seat = state.seat(s.seat());
                if (!halted.getAsBoolean() && seat != null && seat.playerId().equals(player) && seat.sittingOut()) {
                    run.accept(new Command.Leave(s.seat()));
                }
            })));
        } else if (e instanceof PlayerSatIn s) {
            cancel(removalTimers.remove(s.seat()));
        } else if (e instanceof PlayerLeft l) {
            cancel(removalTimers.remove(l.seat()));
        }
    }

    /**
     * Holds the turn clock and the next hand (a pause, or a hand-off). A clock that was running is
     * remembered, so that {@link #resumeCommand} gives the player the time they had left.
     */
    void hold() {
        if (outageHeldAtMs > 0 && heldAtMs == 0) {
            heldAtMs = outageHeldAtMs; // it was not running: held since the outage began
        } else if (clockTimer != null && heldAtMs == 0) {
            heldAtMs = scheduler.nowMillis();
        }
        cancelOutageHold();
        cancel(clockTimer);
        clockTimer = null;
        clockKey = "";
        cancelStart();
    }

    /**
     * What restarts the clock of the player to act after a hold: their clock runs on with the time it had
     * left when it was held; a turn whose clock had not started yet (nobody had seen it) gets a full one.
     */
    Command resumeCommand() {
        long heldAt = heldAtMs;
        heldAtMs = 0;
        return heldAt > 0 ? new Command.ResumeClock(heldAt) : new Command.RestartClock();
    }

    void cancelStart() {
        cancel(startTimer);
        startTimer = null;
    }

    /** Every timer off (the table stops). */
    void stop() {
        hold();
        removalTimers.values().forEach(TableClocks::cancel);
        removalTimers.clear();
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }
}
