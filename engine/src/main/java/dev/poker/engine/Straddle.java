package dev.poker.engine;

/**
 * A table's straddle: a third blind posted before the cards are dealt, a live bet of {@code amount}.
 *
 * <ul>
 *   <li>{@link Position#UTG}: the player after the big blind straddles. Before the flop the player after
 *       the straddler acts first and the straddler acts last (with the option to raise).
 *   <li>{@link Position#BUTTON}: the button straddles (the card-room "button" or Mississippi straddle):
 *       before the flop the small blind acts first, then the big blind and everyone else in turn, and the
 *       button acts last.
 * </ul>
 * In both cases the first player to act before the flop is the one after the straddler, as in the PHH
 * reference implementation (PokerKit). After the flop the order is the usual one. There is no straddle
 * heads-up (the button posts the small blind). A straddler short of the amount posts what they have.
 * A raise over the straddle must add at least one big blind (the minimum raise does not change; PokerKit
 * does the same).
 *
 * <p>Concurrency: immutable.
 *
 * @param position who straddles, or {@link Position#NONE}
 * @param amount the straddle, at least the big blind; 0 with {@link Position#NONE}
 */
public record Straddle(Position position, long amount) {

    /** Where the straddle is posted. */
    public enum Position {
        NONE,
        UTG,
        BUTTON
    }

    /** No straddle. */
    public static final Straddle NONE = new Straddle(Position.NONE, 0);

    public Straddle {
        if (position == null) {
            position = Position.NONE;
        }
        if (position == Position.NONE) {
            amount = 0;
        } else if (amount < 1) {
            throw new IllegalArgumentException("a straddle must be a positive amount, got " + amount);
        }
    }

    /** The usual straddle: twice the big blind at this position. */
    public static Straddle twiceTheBigBlind(Position position, long bigBlind) {
        return position == Position.NONE ? NONE : new Straddle(position, 2 * bigBlind);
    }
}
