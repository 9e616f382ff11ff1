package dev.poker.engine;

/** How the button and the blinds move from hand to hand. */
public enum ButtonRule {
    /**
     * The TDA dead-button rule (the default): the big blind moves forward exactly one seat each hand to the
     * next player who can play, the small blind goes where the big blind was and the button where the small
     * blind was. So the button may be dead (on an empty seat or a seat out of the hand, or the same seat as
     * last hand) and the small blind may be absent (nobody posts it), but no player skips the big blind or
     * pays it twice in a row.
     */
    DEAD,
    /** The simplified moving button: the button moves to the next player dealt in, the blinds follow it. */
    MOVING
}
