package dev.poker.load.bot;

import dev.poker.protocol.ServerMessage.YourTurn;
import java.util.Objects;

/**
 * How a bot decides on its turn. Implementations must only return decisions that {@link #isLegal} accepts
 * for the given turn (the bot falls back to {@link CallingStation} otherwise, and counts the slip).
 *
 * <p>Concurrency: a bot calls its strategy under its own lock, one decision at a time; give each bot its
 * own instance when the strategy has state (a {@link java.util.Random}).
 */
public interface Strategy {

    /** Decides what to do on {@code turn}; {@code table} is what the bot knows of the table. */
    Decision decide(YourTurn turn, TableKnowledge table);

    /**
     * An action and, for bet and raise, the "to" amount (the seat's total bet on this street); null
     * otherwise.
     */
    record Decision(String action, Long amount) {
        public Decision {
            Objects.requireNonNull(action, "action");
        }

        public static Decision fold() {
            return new Decision("fold", null);
        }

        public static Decision check() {
            return new Decision("check", null);
        }

        public static Decision call() {
            return new Decision("call", null);
        }

        public static Decision allIn() {
            return new Decision("all_in", null);
        }

        public static Decision betTo(long to) {
            return new Decision("bet", to);
        }

        public static Decision raiseTo(long to) {
            return new Decision("raise", to);
        }
    }

    /**
     * Whether {@code d} is a legal answer to {@code turn}: its action is offered, and a bet or raise
     * carries an amount within [minTo, maxTo] (other actions carry none).
     */
    static boolean isLegal(Decision d, YourTurn turn) {
        if (d == null || turn.actions() == null || !turn.actions().contains(d.action())) {
            return false;
        }
        if (d.action().equals("bet") || d.action().equals("raise")) {
            return d.amount() != null && d.amount() >= turn.minTo() && d.amount() <= turn.maxTo() && d.amount() > 0;
        }
        return d.amount() == null;
    }

    /** Whether bet or raise (whichever is offered) can be made at all: offered, with a usable range. */
    static boolean canBetOrRaise(YourTurn turn, String which) {
        return turn.actions() != null && turn.actions().contains(which) && turn.minTo() > 0
                && turn.minTo() <= turn.maxTo();
    }

    /**
     * The passive fallback: check, else call, else fold, else all-in, else whatever legal bet or raise
     * is offered (at its minimum). Null only when nothing legal is offered.
     */
    static Decision passive(YourTurn turn) {
        var actions = turn.actions();
        if (actions == null) {
            return null;
        }
        for (String a : new String[] {"check", "call", "fold", "all_in"}) {
            if (actions.contains(a)) {
                return new Decision(a, null);
            }
        }
        for (String a : new String[] {"bet", "raise"}) {
            if (canBetOrRaise(turn, a)) {
                return new Decision(a, turn.minTo());
            }
        }
        return null;
    }
}
