package dev.poker.engine.eval;

/**
 * The nine categories of a poker hand, weakest first. The ordinal is the category's place in that order,
 * and it is what a rank from {@link HandEvaluator} carries in its high bits: {@code rank >>> 12}.
 *
 * <p>Concurrency: an enum; immutable and shared.
 */
public enum HandCategory {
    HIGH_CARD("High Card"),
    PAIR("Pair"),
    TWO_PAIR("Two Pair"),
    THREE_OF_A_KIND("Three of a Kind"),
    STRAIGHT("Straight"),
    FLUSH("Flush"),
    FULL_HOUSE("Full House"),
    FOUR_OF_A_KIND("Four of a Kind"),
    STRAIGHT_FLUSH("Straight Flush");

    private static final HandCategory[] VALUES = values();

    private final String displayName;

    HandCategory(String displayName) {
        this.displayName = displayName;
    }

    /** The name to show a player: {@code "Two Pair"}, {@code "Three of a Kind"}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The category of a rank returned by {@link HandEvaluator}.
     *
     * @throws IllegalArgumentException if {@code rank} is not a rank the evaluator can return
     */
    public static HandCategory of(int rank) {
        int ordinal = rank >>> HandEvaluator.CATEGORY_SHIFT;
        if (ordinal >= VALUES.length) {
            throw new IllegalArgumentException("not a hand rank: " + rank);
        }
        return VALUES[ordinal];
    }
}
