package dev.poker.engine;

/** Betting rounds of a Hold'em hand, in order. */
public enum Street {
    PREFLOP, FLOP, TURN, RIVER;

    /** Board cards dealt when this street starts: 0, 3, 1, 1. */
    public int cardsDealt() {
        return switch (this) {
            case PREFLOP -> 0;
            case FLOP -> 3;
            case TURN, RIVER -> 1;
        };
    }

    public Street next() {
        return values()[ordinal() + 1];
    }
}
