package dev.poker.engine;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * What happens after each decision: the next player's turn, the end of a betting round (uncalled
 * bets returned, next street dealt), the run-out when betting is closed, and the end of the hand.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class HandFlow {
    private HandFlow() {}

    /** Moves the hand on after {@code from} acted (or after the blinds were posted). */
    static void advance(Emitter em, int from) {
        TableState t = em.state;
        while (true) {
            int next = nextToAct(t, from);
            if (next < 0) {
                closeRound(em);
                return;
            }
            SeatState s = t.seats[next];
            if (s.leaving) {
                // a player who asked to leave folds when their turn comes
                em.emit(new ActionTaken(next, Action.FOLD, 0, s.streetBet, false, true));
                from = next;
                continue;
            }
            em.emit(new TurnStarted(next, em.now + t.config().actionTimeMs()));
            return;
        }
    }

    /** The next seat clockwise after {@code from} that must act on this street, or -1 when the round is over. */
    static int nextToAct(TableState t, int from) {
        int live = 0;
        int active = 0;
        int lone = -1;
        for (int i = 0; i < t.seats.length; i++) {
            SeatState s = t.seats[i];
            if (s != null && s.live()) {
                live++;
                if (!s.allIn) {
                    active++;
                    lone = i;
                }
            }
        }
        if (live <= 1 || active == 0) {
            return -1;
        }
        if (active == 1) {
            // nobody left to bet against: the last player only has to match what is owed
            return t.seats[lone].streetBet < t.currentBet ? lone : -1;
        }
        return Seats.next(t, from, (i, s) -> s.active() && (!s.actedThisStreet || s.streetBet < t.currentBet));
    }

    private static void closeRound(Emitter em) {
        TableState t = em.state;
        returnUncalledBet(em);
        int live = 0;
        int active = 0;
        for (SeatState s : t.seats) {
            if (s != null && s.live()) {
                live++;
                if (!s.allIn) {
                    active++;
                }
            }
        }
        if (live <= 1) {
            Showdown.finish(em, false);
            return;
        }
        if (t.street == Street.RIVER) {
            Showdown.finish(em, true);
            return;
        }
        if (active <= 1) {
            // betting is closed with an all-in: every hand is shown, then the board runs out
            Showdown.exposeAll(em);
            while (t.street != Street.RIVER) {
                dealStreet(em);
            }
            Showdown.finish(em, true);
            return;
        }
        dealStreet(em);
        advance(em, t.button);
    }

    private static void returnUncalledBet(Emitter em) {
        TableState t = em.state;
        int top = -1;
        long first = 0;
        long second = 0;
        for (int i = 0; i < t.seats.length; i++) {
            SeatState s = t.seats[i];
            if (s == null || !s.inHand) {
                continue;
            }
            if (s.streetBet > first) {
                second = first;
                first = s.streetBet;
                top = i;
            } else if (s.streetBet > second) {
                second = s.streetBet;
            }
        }
        if (top >= 0 && first > second) {
            em.emit(new UncalledBetReturned(top, first - second));
        }
    }

    private static void dealStreet(Emitter em) {
        TableState t = em.state;
        Street next = t.street.next();
        int from = t.deckPosition;
        List<Card> cards = List.copyOf(t.deck.subList(from, from + next.cardsDealt()));
        em.emit(new StreetDealt(next, cards));
    }
}
