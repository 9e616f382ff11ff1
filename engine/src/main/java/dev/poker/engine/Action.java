package dev.poker.engine;

/**
 * What a player does on their turn. {@code BET} and {@code RAISE} carry a "to" amount: the player's
 * total bet on this street after the action. {@code ALL_IN} is a convenience for commands: it becomes
 * a call, bet or raise of the whole stack, and the resulting event names the real action.
 */
public enum Action {
    FOLD, CHECK, CALL, BET, RAISE, ALL_IN
}
