package dev.poker.engine;

/** How antes are collected. */
public enum AnteType {
    /** No antes. */
    NONE,
    /** Every player dealt in posts the ante. */
    PER_PLAYER,
    /** The big blind posts one ante for the whole table (TDA big-blind ante); blind first, then ante. */
    BIG_BLIND
}
