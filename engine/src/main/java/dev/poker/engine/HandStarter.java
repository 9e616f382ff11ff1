package dev.poker.engine;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.DeckSource;
import dev.poker.engine.deck.Fairness;
import dev.poker.engine.deck.ShuffledDeck;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting a hand: who is dealt in, where the button and blinds go, forced bets, and the deal.
 *
 * <p>The button moves one dealt-in player clockwise each hand (a simplified moving button). A player
 * who sat down while a game runs waits until the big blind reaches them, unless they chose to post a
 * big blind and play at once. A player who sits out while the blinds pass owes them: on return they
 * post a live big blind and a dead small blind, or wait for the big blind. Heads-up, the button posts
 * the small blind and acts first before the flop.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class HandStarter {
    private HandStarter() {}

    static Rejection start(Emitter em, DeckSource decks) {
        TableState t = em.state;
        TableConfig cfg = t.config();
        if (t.handRunning) {
            return Rejection.of(RejectCode.HAND_IN_PROGRESS);
        }
        int n = t.seats.length;
        boolean[] ready = new boolean[n];
        boolean[] dealt = new boolean[n];
        int readyCount = 0;
        int dealtCount = 0;
        for (int i = 0; i < n; i++) {
            SeatState s = t.seats[i];
            if (s != null && !s.sittingOut && !s.leaving && s.stack > 0) {
                ready[i] = true;
                readyCount++;
                if (!s.waitingForBigBlind) {
                    dealt[i] = true;
                    dealtCount++;
                }
            }
        }
        if (dealtCount < 2) {
            // no game running without the waiting players: a new game starts with everyone ready
            System.arraycopy(ready, 0, dealt, 0, n);
            dealtCount = readyCount;
        }
        if (dealtCount < 2) {
            return Rejection.of(RejectCode.NOT_ENOUGH_PLAYERS);
        }
        int button = Seats.next(t, t.button, (i, s) -> dealt[i]);
        int sb;
        int bb;
        if (dealtCount == 2 && dealtCount == readyCount) {
            sb = button;
            bb = Seats.next(t, button, (i, s) -> dealt[i]);
        } else {
            sb = Seats.next(t, button, (i, s) -> dealt[i]);
            bb = Seats.next(t, sb, (i, s) -> ready[i]);
            if (!dealt[bb]) {
                dealt[bb] = true; // the big blind reached a player who was waiting for it
                dealtCount++;
            }
            if (dealtCount == 2) {
                sb = button;
                bb = Seats.next(t, button, (i, s) -> dealt[i]);
            }
        }

        recordMissedBlinds(em, sb, bb);

        List<Integer> dealtIn = new ArrayList<>(dealtCount);
        List<String> players = new ArrayList<>(dealtCount);
        List<Long> stacks = new ArrayList<>(dealtCount);
        boolean[] owesBig = new boolean[n];
        boolean[] owesSmall = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (dealt[i]) {
                dealtIn.add(i);
                SeatState s = t.seats[i];
                players.add(s.playerId);
                stacks.add(s.stack);
                owesBig[i] = s.postBigBlind || s.missedBigBlind;
                owesSmall[i] = s.missedSmallBlind;
            }
        }
        ShuffledDeck deck = decks.next();
        em.emit(new HandStarted(t.handNumber + 1, button, sb, bb, List.copyOf(dealtIn), List.copyOf(players),
                List.copyOf(stacks), deck.cards(), deck.salt(), Fairness.commitment(deck.cards(), deck.salt()),
                em.now));

        List<Integer> order = dealOrder(t, sb, dealt);
        postForcedBets(em, cfg, order, sb, bb, owesBig, owesSmall);
        deal(em, deck.cards(), order, cfg.game().holeCards());
        HandFlow.advance(em, bb);
        return null;
    }

    /** Seats that sit out while the blinds pass over them owe those blinds. */
    private static void recordMissedBlinds(Emitter em, int sb, int bb) {
        TableState t = em.state;
        if (t.bigBlindSeat < 0) {
            return;
        }
        int n = t.seats.length;
        for (int i = 0; i < n; i++) {
            SeatState s = t.seats[i];
            if (s == null || !s.sittingOut) {
                continue;
            }
            boolean big = !s.missedBigBlind && Seats.between(t.bigBlindSeat, i, bb, n);
            boolean small = !s.missedSmallBlind && t.smallBlindSeat >= 0 && t.smallBlindSeat != t.button
                    && Seats.between(t.smallBlindSeat, i, sb, n);
            if (big || small) {
                em.emit(new BlindsMissed(i, small, big));
            }
        }
    }

    /** Dealt-in seats clockwise starting with the small blind. */
    private static List<Integer> dealOrder(TableState t, int sb, boolean[] dealt) {
        List<Integer> order = new ArrayList<>();
        int n = t.seats.length;
        for (int k = 0; k < n; k++) {
            int seat = (sb + k) % n;
            if (dealt[seat]) {
                order.add(seat);
            }
        }
        return order;
    }

    private static void postForcedBets(Emitter em, TableConfig cfg, List<Integer> order, int sb, int bb,
            boolean[] owesBig, boolean[] owesSmall) {
        if (cfg.anteType() == AnteType.PER_PLAYER) {
            for (int seat : order) {
                post(em, seat, ForcedBet.ANTE, cfg.ante());
            }
        }
        if (cfg.smallBlind() > 0) {
            post(em, sb, ForcedBet.SMALL_BLIND, cfg.smallBlind());
        }
        post(em, bb, ForcedBet.BIG_BLIND, cfg.bigBlind());
        if (cfg.anteType() == AnteType.BIG_BLIND) {
            post(em, bb, ForcedBet.BIG_BLIND_ANTE, cfg.ante());
        }
        // players in the blinds owe nothing more; others who enter or return post what they owe
        for (int seat : order) {
            if (seat == sb || seat == bb) {
                continue;
            }
            if (owesBig[seat]) {
                post(em, seat, ForcedBet.POSTED_BIG_BLIND, cfg.bigBlind());
            }
            if (owesSmall[seat] && cfg.smallBlind() > 0) {
                post(em, seat, ForcedBet.DEAD_SMALL_BLIND, cfg.smallBlind());
            }
        }
    }

    private static void post(Emitter em, int seat, ForcedBet kind, long amount) {
        SeatState s = em.state.seats[seat];
        long paid = Math.min(amount, s.stack);
        if (paid > 0) {
            em.emit(new ForcedBetPosted(seat, kind, paid, paid == s.stack));
        }
    }

    /** One card at a time round the table, {@code holeCards} times: player p gets cards p, n + p, 2n + p... */
    private static void deal(Emitter em, List<Card> deck, List<Integer> order, int holeCards) {
        int n = order.size();
        for (int p = 0; p < n; p++) {
            Card[] cards = new Card[holeCards];
            for (int k = 0; k < holeCards; k++) {
                cards[k] = deck.get(k * n + p);
            }
            em.emit(new HoleCardsDealt(order.get(p), List.of(cards)));
        }
    }

}
