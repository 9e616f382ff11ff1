package dev.poker.engine;

/** Kinds of forced bets posted before the cards are dealt. */
public enum ForcedBet {
    /** A per-player ante: dead money in the main pot. */
    ANTE(false, true),
    /** The big blind's ante for the whole table: dead money in the main pot, posted before the blind. */
    BIG_BLIND_ANTE(false, true),
    SMALL_BLIND(true, false),
    BIG_BLIND(true, false),
    /** A big blind posted out of position: to enter at once, or to return after missing blinds. Live. */
    POSTED_BIG_BLIND(true, false),
    /** A missed small blind paid on return: dead money that goes to the pot but is not a bet. */
    DEAD_SMALL_BLIND(false, false),
    /** The table's straddle ({@link Straddle}): a live blind posted after the big blind. */
    STRADDLE(true, false);

    private final boolean live;
    private final boolean ante;

    ForcedBet(boolean live, boolean ante) {
        this.live = live;
        this.ante = ante;
    }

    /** Whether the chips count toward the player's bet on the first round. */
    public boolean live() {
        return live;
    }

    /**
     * Whether the chips are an ante: dead money that goes to the main pot before any bet, so every player
     * dealt in can win all antes, whatever they put in as a live bet.
     */
    public boolean ante() {
        return ante;
    }
}
