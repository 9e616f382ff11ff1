package dev.poker.engine.phh;

/**
 * Why {@link PhhReplayer} skipped a hand: a stable code (the constant's name), the category it is
 * counted under ({@link #label()}, also the start of {@link ReplayResult#reason()}) and one sentence.
 *
 * <p>Concurrency: immutable.
 */
public enum SkipReason {
    VARIANT("variant", "the variant is neither no-limit Texas hold'em (NT) nor pot-limit Omaha (PO)"),
    TOO_MANY_PLAYERS("players", "the hand has more players than the engine seats (10)"),
    UNKNOWN_STACKS("unknown stacks", "a starting stack is unknown"),
    STRADDLE("straddles", "the hand has a straddle the engine does not offer (more than one, not under the gun "
            + "or on the button, or below the big blind)"),
    NO_BIG_BLIND("blinds", "the hand has no big blind"),
    SMALL_BLIND_ABOVE_BIG_BLIND("blinds", "the small blind is larger than the big blind"),
    MIN_BET_NOT_BIG_BLIND("min bet", "the minimum bet differs from the big blind"),
    UNEVEN_ANTES("antes", "the antes are neither equal for everyone nor a big-blind ante"),
    RAKE("rake", "the hand records a rake"),
    RAKE_IN_WINNINGS("rake", "the recorded winnings are below the pots won, as after a rake"),
    AMOUNT_TOO_PRECISE("amounts", "an amount has more decimal places than the engine's chips allow"),
    AMOUNT_TOO_LARGE("amounts", "an amount is larger than the engine's chips allow"),
    INCOMPLETE("incomplete", "the actions end before the hand is over"),
    UNKNOWN_CARDS("unknown cards", "the showdown involves unknown cards");

    private final String label;
    private final String sentence;

    SkipReason(String label, String sentence) {
        this.label = label;
        this.sentence = sentence;
    }

    /** The category the hand is counted under, e.g. {@code "variant"}; several reasons share one. */
    public String label() {
        return label;
    }

    /** What the reason means, in one sentence without the hand's details. */
    public String sentence() {
        return sentence;
    }
}
