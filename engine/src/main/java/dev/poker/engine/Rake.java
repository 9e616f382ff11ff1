package dev.poker.engine;

/**
 * Rake as a percentage of each pot in basis points (500 = 5%), capped per hand; nothing is taken from
 * a hand that ends before the flop ("no flop, no drop").
 *
 * @param basisPoints 0..10000
 * @param cap maximum chips taken from one hand; 0 with a positive percentage means no cap
 */
public record Rake(int basisPoints, long cap) {
    public static final Rake NONE = new Rake(0, 0);

    public Rake {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("rake basis points must be 0..10000, got " + basisPoints);
        }
        if (cap < 0) {
            throw new IllegalArgumentException("rake cap must not be negative, got " + cap);
        }
    }

    /** The rake for a hand whose pots total {@code pot}, after "no flop, no drop". */
    public long forPot(long pot, boolean flopDealt) {
        if (!flopDealt || basisPoints == 0) {
            return 0;
        }
        long rake = (pot / 10_000) * basisPoints + (pot % 10_000) * basisPoints / 10_000; // floor, no overflow
        return cap > 0 ? Math.min(rake, cap) : rake;
    }
}
