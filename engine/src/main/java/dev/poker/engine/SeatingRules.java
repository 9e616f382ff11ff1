package dev.poker.engine;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;

/**
 * Sitting down, leaving, sitting out and in, and topping up.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class SeatingRules {
    private SeatingRules() {}

    static Rejection sitDown(Emitter em, SitDown c) {
        TableState t = em.state;
        TableConfig cfg = t.config();
        if (c.seat() < 0 || c.seat() >= t.seats.length) {
            return Rejection.of(RejectCode.INVALID_SEAT, "Seat " + c.seat() + " does not exist; seats are 0.."
                    + (t.seats.length - 1) + ".");
        }
        if (t.seats[c.seat()] != null) {
            return Rejection.of(RejectCode.SEAT_TAKEN);
        }
        if (c.playerId() == null || c.playerId().isEmpty()) {
            return Rejection.of(RejectCode.INVALID_AMOUNT, "A player id is required.");
        }
        if (t.seatOf(c.playerId()) >= 0) {
            return Rejection.of(RejectCode.ALREADY_SEATED);
        }
        if (c.buyIn() < cfg.minBuyIn() || c.buyIn() > cfg.maxBuyIn()) {
            return Rejection.of(RejectCode.BUY_IN_OUT_OF_RANGE, "The buy-in must be between " + cfg.minBuyIn()
                    + " and " + cfg.maxBuyIn() + " chips.");
        }
        em.emit(new PlayerSeated(c.seat(), c.playerId(), c.buyIn(), !c.postBigBlind(), c.postBigBlind()));
        return null;
    }

    static Rejection leave(Emitter em, Leave c) {
        TableState t = em.state;
        Rejection r = occupied(t, c.seat());
        if (r != null) {
            return r;
        }
        SeatState s = t.seats[c.seat()];
        if (s.leaving) {
            return Rejection.of(RejectCode.ALREADY_LEAVING);
        }
        if (t.handRunning && s.inHand) {
            em.emit(new LeaveRequested(c.seat()));
            if (t.toAct == c.seat()) {
                em.emit(new ActionTaken(c.seat(), Action.FOLD, 0, s.streetBet, false, false));
                HandFlow.advance(em, c.seat());
            }
        } else {
            em.emit(new PlayerLeft(c.seat(), s.playerId, s.stack + s.pendingChips));
        }
        return null;
    }

    static Rejection sitOut(Emitter em, SitOut c) {
        Rejection r = occupied(em.state, c.seat());
        if (r != null) {
            return r;
        }
        if (em.state.seats[c.seat()].sittingOut) {
            return Rejection.of(RejectCode.ALREADY_SITTING_OUT);
        }
        em.emit(new PlayerSatOut(c.seat(), SitOutReason.REQUESTED));
        return null;
    }

    static Rejection sitIn(Emitter em, SitIn c) {
        Rejection r = occupied(em.state, c.seat());
        if (r != null) {
            return r;
        }
        SeatState s = em.state.seats[c.seat()];
        if (!s.sittingOut) {
            return Rejection.of(RejectCode.NOT_SITTING_OUT);
        }
        if (s.stack + s.pendingChips == 0) {
            return Rejection.of(RejectCode.INSUFFICIENT_CHIPS, "You have no chips; top up before sitting in.");
        }
        em.emit(new PlayerSatIn(c.seat(), c.waitForBigBlind()));
        return null;
    }

    static Rejection topUp(Emitter em, TopUp c) {
        TableState t = em.state;
        Rejection r = occupied(t, c.seat());
        if (r != null) {
            return r;
        }
        if (c.amount() <= 0) {
            return Rejection.of(RejectCode.INVALID_AMOUNT, "A top-up must be a positive number of chips.");
        }
        SeatState s = t.seats[c.seat()];
        long after = s.stack + s.pendingChips + s.committed + c.amount();
        if (after > t.config().maxBuyIn()) {
            return Rejection.of(RejectCode.ABOVE_MAX_BUY_IN, "You may add at most "
                    + Math.max(0, t.config().maxBuyIn() - s.stack - s.pendingChips - s.committed) + " chips.");
        }
        em.emit(new ChipsAdded(c.seat(), c.amount(), t.handRunning && s.inHand));
        return null;
    }

    static Rejection occupied(TableState t, int seat) {
        if (seat < 0 || seat >= t.seats.length) {
            return Rejection.of(RejectCode.INVALID_SEAT);
        }
        if (t.seats[seat] == null) {
            return Rejection.of(RejectCode.NOT_SEATED);
        }
        return null;
    }
}
