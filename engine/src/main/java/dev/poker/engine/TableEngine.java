package dev.poker.engine;

import dev.poker.engine.Command.*;
import dev.poker.engine.deck.DeckSource;

/**
 * No-Limit Hold'em as a pure state machine. {@link #handle} takes a state, a command and the current
 * time, and either refuses the command (the state is untouched) or returns the events it caused,
 * which it has already applied to the state. Applying the same events to a fresh state gives the same
 * state. The engine reads no clock, does no I/O and holds no randomness of its own: the time comes
 * with each command and decks come from the injected {@link DeckSource}.
 *
 * <p>Concurrency: stateless apart from the deck source; the state passed in must be owned by the
 * calling thread.
 */
public final class TableEngine {
    private final DeckSource decks;

    public TableEngine(DeckSource decks) {
        this.decks = decks;
    }

    /** Handles one command at time {@code now} (epoch milliseconds). */
    public Decision handle(TableState state, Command command, long now) {
        Emitter em = new Emitter(state, now);
        Rejection rejection;
        if (command instanceof Act c) {
            rejection = Betting.act(em, c);
        } else if (command instanceof Timeout c) {
            rejection = Betting.timeout(em, c);
        } else if (command instanceof StartHand) {
            rejection = HandStarter.start(em, decks);
        } else if (command instanceof SitDown c) {
            rejection = SeatingRules.sitDown(em, c);
        } else if (command instanceof Leave c) {
            rejection = SeatingRules.leave(em, c);
        } else if (command instanceof SitOut c) {
            rejection = SeatingRules.sitOut(em, c);
        } else if (command instanceof SitIn c) {
            rejection = SeatingRules.sitIn(em, c);
        } else if (command instanceof TopUp c) {
            rejection = SeatingRules.topUp(em, c);
        } else if (command instanceof RestartClock) {
            rejection = restartClock(em);
        } else if (command instanceof ContinueHand c) {
            rejection = continueHand(em, c.from());
        } else if (command instanceof ResumeClock c) {
            rejection = resumeClock(em, c.heldAtMs());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return rejection != null ? new Decision.Rejected(rejection) : em.accepted();
    }

    /** What the player to act may do, or null when nobody is to act. */
    public static LegalActions legalActions(TableState state) {
        return state.toAct < 0 ? null : Betting.legal(state, state.toAct);
    }

    /** Whether a new hand could start now (enough players ready, no hand running). */
    public static boolean canStartHand(TableState state) {
        if (state.handRunning) {
            return false;
        }
        return Seats.count(state, (i, s) -> !s.sittingOut && !s.leaving && s.stack > 0) >= 2;
    }

    private static Rejection continueHand(Emitter em, int from) {
        TableState t = em.state;
        if (!t.handRunning || t.toAct >= 0) {
            return Rejection.of(RejectCode.HAND_NOT_RUNNING, "No hand is waiting to move on.");
        }
        for (int seat : t.dealtIn) {
            if (t.seats[seat] != null && t.seats[seat].holeCards.isEmpty()) {
                misdeal(em); // the log ends inside the deal
                return null;
            }
        }
        if (t.distributed > 0) {
            int live = Seats.count(t, (i, s) -> s.live());
            Showdown.finish(em, live > 1);
        } else {
            HandFlow.advance(em, from);
        }
        return null;
    }

    /** A deal that did not finish is a misdeal: every chip put in is returned and the hand ends. */
    private static void misdeal(Emitter em) {
        TableState t = em.state;
        for (int seat = 0; seat < t.seats.length; seat++) {
            SeatState s = t.seats[seat];
            if (s != null && s.committed > 0) {
                em.emit(new TableEvent.UncalledBetReturned(seat, s.committed));
            }
        }
        em.emit(new TableEvent.HandEnded(t.handNumber, t.deck, t.salt, t.commitment));
        for (int seat = 0; seat < t.seats.length; seat++) {
            SeatState s = t.seats[seat];
            if (s != null && s.leaving) {
                em.emit(new TableEvent.PlayerLeft(seat, s.playerId, s.stack + s.pendingChips));
            }
        }
    }

    private static Rejection resumeClock(Emitter em, long heldAt) {
        TableState t = em.state;
        if (!t.handRunning || t.toAct < 0) {
            return Rejection.of(RejectCode.HAND_NOT_RUNNING, "Nobody is to act.");
        }
        long left = Math.max(0, t.deadline - heldAt);
        if (!t.inTimeBank) {
            em.emit(new TableEvent.TurnStarted(t.toAct, em.now + left));
            return null;
        }
        SeatState s = t.seats[t.toAct];
        long used = Math.min(s.timeBankMs, Math.max(0, heldAt - t.timeBankStartedAt));
        if (used > 0) {
            em.emit(new TableEvent.TimeBankUsed(t.toAct, used));
        }
        // the action clock was spent before the hold: the time bank runs again with what it had left
        em.emit(new TableEvent.TurnStarted(t.toAct, em.now));
        em.emit(new TableEvent.TimeBankStarted(t.toAct, em.now + left));
        return null;
    }

    private static Rejection restartClock(Emitter em) {
        TableState t = em.state;
        if (!t.handRunning || t.toAct < 0) {
            return Rejection.of(RejectCode.HAND_NOT_RUNNING, "Nobody is to act.");
        }
        em.emit(new TableEvent.TurnStarted(t.toAct, em.now + t.config().actionTimeMs()));
        return null;
    }
}
