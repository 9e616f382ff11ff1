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
 * <p>The button and blinds move by the table's {@link ButtonRule}: the TDA dead button ({@link DeadButton})
 * or a simplified moving button (one dealt-in player clockwise each hand; also the first hand). A player
 * who sat down while a game runs waits until the big blind reaches them, unless they chose to post a
 * big blind and play at once. A player who sits out while the blinds pass owes them: on return they
 * post a live big blind and a dead small blind, or wait for the big blind. Heads-up, the button posts
 * the small blind and acts first before the flop. A table's {@link Straddle} is posted after the big blind
 * when three or more are dealt in; the player after the straddler then acts first.
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
        DeadButton.Positions at = cfg.buttonRule() == ButtonRule.DEAD ? DeadButton.place(t, ready, dealt) : null;
        if (at == null) {
            at = movingButton(t, ready, dealt);
        }
        int button = at.button();
        int sb = at.smallBlind();
        int bb = at.bigBlind();
        dealtCount = 0;
        for (boolean d : dealt) {
            dealtCount += d ? 1 : 0;
        }

        refillTimeBanks(em, cfg.timeBankRefill());
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
        int straddler = straddler(t, cfg.straddle(), button, bb, dealt, dealtCount);
        postForcedBets(em, cfg, order, at.smallBlindPosts() ? sb : -1, bb, straddler, owesBig, owesSmall);
        deal(em, deck.cards(), order, cfg.game().holeCards());
        // before the flop the player after the largest blind acts first: after a straddle of at least the big
        // blind, the straddler acts last (a straddler all-in for less leaves the order as without a straddle)
        boolean straddled = straddler >= 0 && t.seats[straddler].streetBet >= cfg.bigBlind();
        HandFlow.advance(em, straddled ? straddler : bb);
        return null;
    }

    /** The simplified moving button ({@link ButtonRule#MOVING}), also the first hand under any rule. */
    private static DeadButton.Positions movingButton(TableState t, boolean[] ready, boolean[] dealt) {
        int dealtCount = 0;
        int readyCount = 0;
        for (int i = 0; i < dealt.length; i++) {
            dealtCount += dealt[i] ? 1 : 0;
            readyCount += ready[i] ? 1 : 0;
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
        return new DeadButton.Positions(button, sb, bb, true);
    }

    /** The seat that posts the table's straddle this hand, or -1 (none, heads-up, or a dead button). */
    private static int straddler(TableState t, Straddle straddle, int button, int bb, boolean[] dealt,
            int dealtCount) {
        if (dealtCount < 3) {
            return -1;
        }
        return switch (straddle.position()) {
            case NONE -> -1;
            case UTG -> Seats.next(t, bb, (i, s) -> dealt[i]);
            case BUTTON -> dealt[button] ? button : -1;
        };
    }

    /** Every {@code everyHands} hands, each seated player's time bank grows, up to the cap. */
    private static void refillTimeBanks(Emitter em, TimeBankRefill refill) {
        TableState t = em.state;
        if (!refill.dueAt(t.handNumber + 1)) {
            return;
        }
        for (int i = 0; i < t.seats.length; i++) {
            SeatState s = t.seats[i];
            long gain = s == null ? 0 : refill.gainFor(s.timeBankMs);
            if (gain > 0) {
                em.emit(new TimeBankRefilled(i, gain));
            }
        }
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

    /** Antes, the blinds ({@code sb} -1: a dead small blind), the straddle ({@code straddler} -1: none), what is owed. */
    private static void postForcedBets(Emitter em, TableConfig cfg, List<Integer> order, int sb, int bb,
            int straddler, boolean[] owesBig, boolean[] owesSmall) {
        if (cfg.anteType() == AnteType.PER_PLAYER) {
            for (int seat : order) {
                post(em, seat, ForcedBet.ANTE, cfg.ante());
            }
        }
        if (cfg.anteType() == AnteType.BIG_BLIND) {
            // the ante first: a big blind who cannot cover both still puts the whole ante in the main pot
            post(em, bb, ForcedBet.BIG_BLIND_ANTE, cfg.ante());
        }
        if (cfg.smallBlind() > 0 && sb >= 0) {
            post(em, sb, ForcedBet.SMALL_BLIND, cfg.smallBlind());
        }
        post(em, bb, ForcedBet.BIG_BLIND, cfg.bigBlind());
        if (straddler >= 0) {
            post(em, straddler, ForcedBet.STRADDLE, cfg.straddle().amount());
        }
        // players in the blinds owe nothing more; others who enter or return post what they owe
        for (int seat : order) {
            if (seat == sb || seat == bb) {
                continue;
            }
            if (owesBig[seat] && seat != straddler) {
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
