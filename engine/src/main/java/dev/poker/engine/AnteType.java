package dev.poker.engine;

/** How antes are collected. */
public enum AnteType {
    /** No antes. */
    NONE,
    /** Every player dealt in posts the ante. */
    PER_PLAYER,
    /**
     * The big blind posts one ante for the whole table (big-blind ante): the ante first, then the blind,
     * so a big blind who cannot cover both puts what they have into the ante (dead money, main pot).
     */
    BIG_BLIND
}
