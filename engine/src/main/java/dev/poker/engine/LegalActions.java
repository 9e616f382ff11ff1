package dev.poker.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the player to act may do. {@code callAmount} is the chips a call adds (capped by the stack).
 * {@code minTo}/{@code maxTo} bound the "to" amount of a bet or raise when one is allowed; an all-in
 * below {@code minTo} is always allowed and equals {@code maxTo}. {@code actionMask} has bit
 * {@code 1 << action.ordinal()} set for each action allowed.
 */
public record LegalActions(int seat, long handNumber, int actionMask, long callAmount, long minTo, long maxTo,
        long deadline) {

    public boolean allows(Action action) {
        return (actionMask & (1 << action.ordinal())) != 0;
    }

    /** The allowed actions, in the enum's order. */
    public Set<Action> actions() {
        Set<Action> set = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            if (allows(a)) {
                set.add(a);
            }
        }
        return set;
    }
}
