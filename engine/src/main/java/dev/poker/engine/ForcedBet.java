package dev.poker.engine;

/** Kinds of forced bets posted before the cards are dealt. */
public enum ForcedBet {
    ANTE(false),
    BIG_BLIND_ANTE(false),
    SMALL_BLIND(true),
    BIG_BLIND(true),
    /** A big blind posted out of position: to enter at once, or to return after missing blinds. Live. */
    POSTED_BIG_BLIND(true),
    /** A missed small blind paid on return: dead money that goes to the pot but is not a bet. */
    DEAD_SMALL_BLIND(false);

    private final boolean live;

    ForcedBet(boolean live) {
        this.live = live;
    }

    /** Whether the chips count toward the player's bet on the first round. */
    public boolean live() {
        return live;
    }
}
