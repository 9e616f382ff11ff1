package dev.poker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the chips put in this hand into a main pot and side pots.
 *
 * <p>Antes (per player or the big-blind ante) are dead money: all of them go to the main pot, which
 * every player still in the hand can win, whatever they put in as a live bet (a player all-in for
 * exactly the ante can win all antes). The live bets then make the levels: each all-in amount among
 * the players still in the hand marks one; a pot holds every player's live chips between two levels,
 * and only players who reached its top level may win it. Chips of folded players fill the pots up to
 * their contribution. This is how the PHH reference implementation (PokerKit, antes not trimmed)
 * builds its pots.
 *
 * <p>Concurrency: stateless.
 */
final class Pots {
    private Pots() {}

    static List<Pot> compute(TableState state) {
        SeatState[] seats = state.seats;
        long[] levels = new long[seats.length + 1];
        int levelCount = 0;
        long maxLive = 0;
        long total = 0;
        long antes = 0;
        List<Integer> live = new ArrayList<>();
        for (int seat = 0; seat < seats.length; seat++) {
            SeatState s = seats[seat];
            if (s == null || !s.inHand) {
                continue;
            }
            total += s.committed;
            antes += s.antes;
            if (s.live()) {
                live.add(seat);
                long bet = s.committed - s.antes;
                maxLive = Math.max(maxLive, bet);
                if (s.allIn) {
                    levels[levelCount++] = bet;
                }
            }
        }
        levels[levelCount++] = maxLive;
        java.util.Arrays.sort(levels, 0, levelCount);

        List<Pot> pots = new ArrayList<>(levelCount + 1);
        long previous = 0;
        long allocated = 0;
        for (int i = 0; i < levelCount; i++) {
            long level = levels[i];
            if (level <= previous) {
                continue;
            }
            long amount = 0;
            List<Integer> eligible = new ArrayList<>();
            for (int seat = 0; seat < seats.length; seat++) {
                SeatState s = seats[seat];
                if (s == null || !s.inHand) {
                    continue;
                }
                long bet = s.committed - s.antes;
                amount += Math.min(bet, level) - Math.min(bet, previous);
                // all-in players are capped at what they put in; the others can still match any level
                if (s.live() && (bet >= level || !s.allIn)) {
                    eligible.add(seat);
                }
            }
            pots.add(new Pot(amount, List.copyOf(eligible)));
            allocated += amount;
            previous = level;
        }
        long rest = total - antes - allocated;
        if (rest > 0 && pots.isEmpty()) {
            // every live player is all-in for antes alone: folded players' bets go to the live players
            pots.add(new Pot(rest, List.copyOf(live)));
        } else if (rest > 0) {
            // chips of folded players above every live player's contribution: they belong to the top pot
            Pot top = pots.remove(pots.size() - 1);
            pots.add(new Pot(top.amount() + rest, top.eligible()));
        }
        if (antes > 0) {
            addAntes(pots, antes, List.copyOf(live));
        }
        long paid = state.distributed;
        if (paid > 0) {
            // pots already awarded in this hand are gone from the middle
            List<Pot> remaining = new ArrayList<>();
            for (Pot p : pots) {
                long take = Math.min(paid, p.amount());
                paid -= take;
                if (p.amount() - take > 0) {
                    remaining.add(new Pot(p.amount() - take, p.eligible()));
                }
            }
            return remaining;
        }
        return pots;
    }

    /**
     * The antes join the first pot when every live player can win it; otherwise (a player all-in for
     * the ante alone has no live chips) they make a main pot of their own in front of it.
     */
    private static void addAntes(List<Pot> pots, long antes, List<Integer> live) {
        if (!pots.isEmpty() && pots.get(0).eligible().equals(live)) {
            Pot main = pots.get(0);
            pots.set(0, new Pot(main.amount() + antes, main.eligible()));
        } else {
            pots.add(0, new Pot(antes, live));
        }
    }
}
