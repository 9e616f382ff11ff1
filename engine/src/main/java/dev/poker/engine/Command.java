package dev.poker.engine;

import java.util.List;

/**
 * Everything that can be asked of a table. Commands are immutable requests; the engine answers each
 * with events or a {@link Rejection}. The current time is passed to the engine beside the command.
 */
public sealed interface Command {

    /**
     * Take a seat with {@code buyIn} chips. A player who sits down while a game is running waits for
     * the big blind unless {@code postBigBlind} is set, in which case they post one and play at once.
     */
    record SitDown(String playerId, int seat, long buyIn, boolean postBigBlind) implements Command {}

    /** Leave the table; a player in a hand folds (now or at their turn) and leaves when it ends. */
    record Leave(int seat) implements Command {}

    /** Stop being dealt in from the next hand. */
    record SitOut(int seat) implements Command {}

    /** Be dealt in again; missed blinds are posted unless {@code waitForBigBlind}. */
    record SitIn(int seat, boolean waitForBigBlind) implements Command {}

    /** Add chips to the stack; while the player is in a hand they are added when it ends. */
    record TopUp(int seat, long amount) implements Command {}

    /** Start the next hand (the table's actor decides when). */
    record StartHand() implements Command {}

    /** A player's decision. {@code amount} is the "to" amount for BET and RAISE, ignored otherwise. */
    record Act(int seat, long handNumber, Action action, long amount) implements Command {}

    /** The clock of the player to act has run out. */
    record Timeout(int seat, long handNumber) implements Command {}

    /** Give the player to act a full clock again (used after recovery). */
    record RestartClock() implements Command {}

    /**
     * The player to act's clock was held at {@code heldAtMs} (the table paused) and runs again now with the
     * time it had left then: in the action clock, or in the time bank (whose time used before the hold is
     * charged). No time is given and none is lost.
     */
    record ResumeClock(long heldAtMs) implements Command {}

    /**
     * Completes a hand whose log ends inside a decision's consequences (nobody is to act, yet the hand runs:
     * a log cut back to an event in the middle of a batch). The hand moves on as it would have after
     * {@code from} acted: the seat of the last action on this street, the button after a street was dealt,
     * the big blind before anyone acted preflop; pots still to award are awarded.
     */
    record ContinueHand(int from) implements Command {
        /** The seat the hand moves on from, given the events of the hand so far. */
        public static int from(List<TableEvent> hand, TableState state) {
            int from = state.bigBlindSeat();
            for (TableEvent e : hand) {
                if (e instanceof TableEvent.ActionTaken a) {
                    from = a.seat();
                } else if (e instanceof TableEvent.StreetDealt) {
                    from = state.button();
                }
            }
            return from;
        }
    }
}
