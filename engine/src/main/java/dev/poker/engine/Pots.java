package dev.poker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the chips put in this hand into a main pot and side pots. Each all-in amount among the
 * players still in the hand marks a level; a pot holds every player's chips between two levels, and
 * only players who reached its top level may win it. Chips of folded players fill the pots up to
 * their contribution.
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
        for (SeatState s : seats) {
            if (s == null || !s.inHand) {
                continue;
            }
            total += s.committed;
            if (s.live()) {
                maxLive = Math.max(maxLive, s.committed);
                if (s.allIn) {
                    levels[levelCount++] = s.committed;
                }
            }
        }
        levels[levelCount++] = maxLive;
        java.util.Arrays.sort(levels, 0, levelCount);

        List<Pot> pots = new ArrayList<>(levelCount);
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
                amount += Math.min(s.committed, level) - Math.min(s.committed, previous);
                // all-in players are capped at what they put in; the others can still match any level
                if (s.live() && (s.committed >= level || !s.allIn)) {
                    eligible.add(seat);
                }
            }
            pots.add(new Pot(amount, List.copyOf(eligible)));
            allocated += amount;
            previous = level;
        }
        long rest = total - allocated;
        if (rest > 0 && !pots.isEmpty()) {
            // chips of folded players above every live player's contribution: they belong to the top pot
            Pot top = pots.remove(pots.size() - 1);
            pots.add(new Pot(top.amount() + rest, top.eligible()));
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
}
