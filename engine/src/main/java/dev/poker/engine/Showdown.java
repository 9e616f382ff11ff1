package dev.poker.engine;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import dev.poker.engine.eval.HandCategory;
import dev.poker.engine.eval.HandEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a hand: hands shown in order, pots awarded, rake taken, and the seats tidied up.
 *
 * <p>Showdown order: the last player to bet or raise on the final round shows first, otherwise the
 * first player clockwise from the button; then clockwise. A hand is shown when it can still win a pot
 * it is in (it is at least as good as every hand shown for that pot), otherwise it is mucked. When an
 * all-in closed the betting before the river, every hand was shown before the run-out. Each pot goes
 * to the best eligible hand(s); the odd chips of a split pot go one at a time to the winners in seat
 * order clockwise from the button. Rake ("no flop, no drop") is taken from the main pot first.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class Showdown {
    private Showdown() {}

    /** Shows every live hand at once: an all-in closed the betting before the river. */
    static void exposeAll(Emitter em) {
        TableState t = em.state;
        int n = t.seats.length;
        for (int k = 1; k <= n; k++) {
            int seat = (t.button + k) % n;
            SeatState s = t.seats[seat];
            if (s != null && s.live() && !s.shown) {
                em.emit(new CardsShown(seat, s.holeCards, ""));
            }
        }
    }

    /** Ends the hand: {@code contested} when two or more players are still in it. */
    static void finish(Emitter em, boolean contested) {
        TableState t = em.state;
        int n = t.seats.length;
        int[] ranks = new int[n];
        List<Pot> pots = Pots.compute(t);
        if (contested) {
            showHands(em, pots, ranks);
        }
        long total = 0;
        for (Pot p : pots) {
            total += p.amount();
        }
        long rakeLeft = t.config().rake().forPot(total, t.board.size() >= 3);
        for (int index = 0; index < pots.size(); index++) {
            Pot pot = pots.get(index);
            long rake = Math.min(rakeLeft, pot.amount());
            rakeLeft -= rake;
            em.emit(new PotAwarded(index, pot.amount(), rake, pot.eligible(),
                    shares(t, pot, pot.amount() - rake, ranks)));
        }
        em.emit(new HandEnded(t.handNumber, t.deck, t.salt, t.commitment));
        for (int seat = 0; seat < n; seat++) {
            SeatState s = t.seats[seat];
            if (s == null) {
                continue;
            }
            if (s.leaving) {
                em.emit(new PlayerLeft(seat, s.playerId, s.stack + s.pendingChips));
            } else if (s.stack == 0 && s.pendingChips == 0 && !s.sittingOut) {
                em.emit(new PlayerSatOut(seat, SitOutReason.BUSTED));
            }
        }
    }

    private static void showHands(Emitter em, List<Pot> pots, int[] ranks) {
        TableState t = em.state;
        int n = t.seats.length;
        int first = t.lastAggressor >= 0 && t.seats[t.lastAggressor] != null && t.seats[t.lastAggressor].live()
                ? t.lastAggressor
                : Seats.next(t, t.button, (i, s) -> s.live());
        for (int i = 0; i < n; i++) {
            SeatState s = t.seats[i];
            if (s != null && s.live()) {
                ranks[i] = t.config().game().rank(s.holeCards, t.board);
            }
        }
        int[] bestShown = new int[pots.size()];
        java.util.Arrays.fill(bestShown, -1);
        int seat = first;
        for (int k = 0; k < n; k++, seat = (seat + 1) % n) {
            SeatState s = t.seats[seat];
            if (s == null || !s.live()) {
                continue;
            }
            boolean canWin = false;
            for (int p = 0; p < pots.size(); p++) {
                if (pots.get(p).eligible().contains(seat) && ranks[seat] >= bestShown[p]) {
                    canWin = true;
                    bestShown[p] = ranks[seat];
                }
            }
            if (s.shown) {
                continue;
            }
            if (canWin) {
                em.emit(new CardsShown(seat, s.holeCards, description(t.config().game(), ranks[seat], s.holeCards, t.board)));
            } else {
                em.emit(new CardsMucked(seat));
            }
        }
    }

    private static List<Share> shares(TableState t, Pot pot, long amount, int[] ranks) {
        List<Integer> eligible = pot.eligible();
        if (eligible.size() == 1) {
            return List.of(new Share(eligible.get(0), amount));
        }
        int best = Integer.MIN_VALUE;
        for (int seat : eligible) {
            best = Math.max(best, ranks[seat]);
        }
        List<Integer> winners = new ArrayList<>(eligible.size());
        int n = t.seats.length;
        for (int k = 1; k <= n; k++) {
            int seat = (t.button + k) % n;
            if (eligible.contains(seat) && ranks[seat] == best) {
                winners.add(seat);
            }
        }
        long each = amount / winners.size();
        long odd = amount % winners.size();
        List<Share> shares = new ArrayList<>(winners.size());
        for (int w = 0; w < winners.size(); w++) {
            shares.add(new Share(winners.get(w), each + (w < odd ? 1 : 0)));
        }
        return List.copyOf(shares);
    }

    /**
     * Descriptions by rank: equal ranks are equal hand classes ("Two Pair, Kings and Fours"), so each is
     * built once. Races only build the same immutable string twice.
     */
    private static final String[] DESCRIPTIONS = new String[(HandCategory.values().length) << HandEvaluator.CATEGORY_SHIFT];

    static String description(Game game, int rank, List<Card> hole, List<Card> board) {
        String d = DESCRIPTIONS[rank];
        if (d == null) {
            d = game.describe(hole, board).description();
            DESCRIPTIONS[rank] = d;
        }
        return d;
    }
}
