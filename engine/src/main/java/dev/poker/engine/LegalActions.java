package dev.poker.engine;

import java.util.Set;

/**
 * What the player to act may do. {@code callAmount} is the chips a call adds (capped by the stack).
 * {@code minTo}/{@code maxTo} bound the "to" amount of a bet or raise when one is allowed; an all-in
 * below {@code minTo} is always allowed and equals {@code maxTo}.
 */
public record LegalActions(int seat, long handNumber, Set<Action> actions, long callAmount, long minTo, long maxTo,
        long deadline) {

    public boolean allows(Action action) {
        return actions.contains(action);
    }
}
