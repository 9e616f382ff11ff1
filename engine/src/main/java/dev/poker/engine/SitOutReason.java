package dev.poker.engine;

/** Why a player stopped being dealt in. */
public enum SitOutReason {
    /** The player asked to sit out. */
    REQUESTED,
    /** The player timed out too many times in a row. */
    TIMEOUTS,
    /** The player has no chips left. */
    BUSTED
}
