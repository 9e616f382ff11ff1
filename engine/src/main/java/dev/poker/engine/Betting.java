package dev.poker.engine;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;

/**
 * A player's decisions: what is legal, and what an action does. No-limit rules (pot-limit games also cap a
 * bet or raise by the pot, see {@link PotLimit}; an all-in there puts in at most that cap): the minimum bet is
 * the big blind; a raise must be at least the last full bet or raise of the round (TDA 43/47); an
 * all-in for less is always allowed, and does not reopen the betting for players who already acted
 * unless, with earlier short all-ins, it adds up to a full raise (WSOP 2024 rule 96).
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class Betting {
    private Betting() {}

    static LegalActions legal(TableState t, int seat) {
        SeatState s = t.seats[seat];
        long toCall = Math.max(0, t.currentBet - s.streetBet);
        long callAmount = Math.min(toCall, s.stack);
        long maxTo = s.streetBet + s.stack;
        boolean reopened = !s.actedThisStreet || s.raiseCountSeen < t.raiseCount;
        boolean opponentCanAct = false;
        for (int i = 0; i < t.seats.length && !opponentCanAct; i++) {
            opponentCanAct = i != seat && t.seats[i] != null && t.seats[i].active();
        }
        boolean canRaise = s.stack > toCall && reopened && opponentCanAct;
        long minLevel = Math.max(t.currentBet, t.lastFullRaiseLevel) + t.minRaise;
        long minTo = Math.min(maxTo, minLevel);
        if (t.config().game().potLimit()) {
            maxTo = Math.min(maxTo, PotLimit.maxTo(t, s, minLevel));
        }
        int actions = 1 << Action.FOLD.ordinal();
        actions |= 1 << (toCall == 0 ? Action.CHECK : Action.CALL).ordinal();
        if (canRaise) {
            actions |= 1 << (t.currentBet == 0 ? Action.BET : Action.RAISE).ordinal();
        }
        if (canRaise || toCall > 0) {
            actions |= 1 << Action.ALL_IN.ordinal();
        }
        return new LegalActions(seat, t.handNumber, actions, callAmount, canRaise ? minTo : 0, canRaise ? maxTo : 0,
                t.deadline);
    }

    static Rejection act(Emitter em, Act c) {
        TableState t = em.state;
        Rejection r = checkTurn(t, c.seat(), c.handNumber());
        if (r != null) {
            return r;
        }
        SeatState s = t.seats[c.seat()];
        LegalActions legal = legal(t, c.seat());
        long toCall = t.currentBet - s.streetBet;
        Action action = c.action();
        long to = c.amount();
        if (action == null) {
            return Rejection.of(RejectCode.INVALID_AMOUNT, "An action is required.", legal);
        }
        if (action == Action.ALL_IN) {
            if (legal.allows(Action.BET) || legal.allows(Action.RAISE)) {
                action = t.currentBet == 0 ? Action.BET : Action.RAISE;
                to = legal.maxTo();
            } else if (toCall > 0) {
                action = Action.CALL;
            } else {
                return Rejection.of(RejectCode.RAISE_NOT_ALLOWED, "There is nothing to go all-in against; check.",
                        legal);
            }
        }
        switch (action) {
            case FOLD -> {
                useTimeBank(em, c.seat());
                em.emit(new ActionTaken(c.seat(), Action.FOLD, 0, s.streetBet, false, false));
            }
            case CHECK -> {
                if (toCall > 0) {
                    return Rejection.of(RejectCode.CANNOT_CHECK, "There is a bet of " + t.currentBet
                            + "; call " + legal.callAmount() + ", raise or fold.", legal);
                }
                useTimeBank(em, c.seat());
                em.emit(new ActionTaken(c.seat(), Action.CHECK, 0, s.streetBet, false, false));
            }
            case CALL -> {
                if (toCall <= 0) {
                    return Rejection.of(RejectCode.NOTHING_TO_CALL, RejectCode.NOTHING_TO_CALL.message(), legal);
                }
                long added = Math.min(toCall, s.stack);
                useTimeBank(em, c.seat());
                em.emit(new ActionTaken(c.seat(), Action.CALL, added, s.streetBet + added, added == s.stack, false));
            }
            case BET, RAISE -> {
                Rejection bad = checkRaise(t, legal, to);
                if (bad != null) {
                    return bad;
                }
                long added = to - s.streetBet;
                Action kind = t.currentBet == 0 ? Action.BET : Action.RAISE;
                useTimeBank(em, c.seat());
                em.emit(new ActionTaken(c.seat(), kind, added, to, added == s.stack, false));
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
        HandFlow.advance(em, c.seat());
        return null;
    }

    private static Rejection checkRaise(TableState t, LegalActions legal, long to) {
        boolean bet = t.currentBet == 0;
        if (!legal.allows(Action.BET) && !legal.allows(Action.RAISE)) {
            String why = legal.maxTo() == 0 && t.seats[legal.seat()].stack <= legal.callAmount()
                    ? "You do not have enough chips to raise; you can call all-in."
                    : "The betting was not reopened to you, or no opponent can call; call or fold.";
            return Rejection.of(RejectCode.RAISE_NOT_ALLOWED, why, legal);
        }
        SeatState s = t.seats[legal.seat()];
        if (to > s.streetBet + s.stack) {
            return Rejection.of(RejectCode.INSUFFICIENT_CHIPS, "You can put in at most " + legal.maxTo()
                    + " on this street.", legal);
        }
        if (to > legal.maxTo()) {
            return Rejection.of(RejectCode.ABOVE_POT_LIMIT, "The pot limit allows a " + (bet ? "bet" : "raise")
                    + " to at most " + legal.maxTo() + ".", legal);
        }
        if (to <= t.currentBet) {
            return Rejection.of(RejectCode.INVALID_AMOUNT, "A " + (bet ? "bet" : "raise")
                    + " must go above " + t.currentBet + ".", legal);
        }
        if (to < legal.minTo() && to != legal.maxTo()) {
            return Rejection.of(bet ? RejectCode.BELOW_MIN_BET : RejectCode.BELOW_MIN_RAISE,
                    "The minimum " + (bet ? "bet" : "raise") + " is to " + legal.minTo()
                            + " (or all-in for " + legal.maxTo() + ").", legal);
        }
        return null;
    }

    /** A player who acts during their time bank pays for the time they used. */
    private static void useTimeBank(Emitter em, int seat) {
        TableState t = em.state;
        if (t.inTimeBank) {
            long used = Math.min(t.seats[seat].timeBankMs, Math.max(0, em.now - t.timeBankStartedAt));
            if (used > 0) {
                em.emit(new TimeBankUsed(seat, used));
            }
        }
    }

    static Rejection timeout(Emitter em, Timeout c) {
        TableState t = em.state;
        Rejection r = checkTurn(t, c.seat(), c.handNumber());
        if (r != null) {
            return r;
        }
        if (em.now < t.deadline) {
            return Rejection.of(RejectCode.TOO_EARLY, "The clock runs until " + t.deadline + ".");
        }
        SeatState s = t.seats[c.seat()];
        if (!t.inTimeBank && s.timeBankMs > 0) {
            em.emit(new TimeBankStarted(c.seat(), em.now + s.timeBankMs));
            return null;
        }
        if (t.inTimeBank && s.timeBankMs > 0) {
            em.emit(new TimeBankUsed(c.seat(), s.timeBankMs));
        }
        autoAct(em, c.seat());
        return null;
    }

    /** The clock decides: check when checking is free, fold otherwise. */
    static void autoAct(Emitter em, int seat) {
        TableState t = em.state;
        SeatState s = t.seats[seat];
        int consecutive = s.consecutiveTimeouts + 1;
        em.emit(new PlayerTimedOut(seat, consecutive));
        Action action = t.currentBet > s.streetBet ? Action.FOLD : Action.CHECK;
        em.emit(new ActionTaken(seat, action, 0, s.streetBet, false, true));
        int limit = t.config().maxConsecutiveTimeouts();
        if (limit > 0 && consecutive >= limit && !s.sittingOut) {
            em.emit(new PlayerSatOut(seat, SitOutReason.TIMEOUTS));
        }
        HandFlow.advance(em, seat);
    }

    static Rejection checkTurn(TableState t, int seat, long handNumber) {
        if (!t.handRunning) {
            return Rejection.of(RejectCode.HAND_NOT_RUNNING);
        }
        if (handNumber != t.handNumber) {
            return Rejection.of(RejectCode.WRONG_HAND, "Hand " + handNumber + " is not the hand being played ("
                    + t.handNumber + ").");
        }
        if (seat < 0 || seat >= t.seats.length || t.seats[seat] == null) {
            return Rejection.of(RejectCode.NOT_SEATED);
        }
        if (!t.seats[seat].live()) {
            return Rejection.of(RejectCode.NOT_IN_HAND);
        }
        if (t.toAct != seat) {
            return Rejection.of(RejectCode.NOT_YOUR_TURN, t.toAct < 0 ? "Nobody is to act right now."
                    : "It is seat " + t.toAct + "'s turn.");
        }
        return null;
    }
}
