package dev.poker.engine;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * Everything that happens at a table. A table's state is the result of applying its events in order
 * to a fresh {@link TableState}; nothing else changes it. Events carry everything a replay needs,
 * including the dealt cards and the shuffled deck, so a replay never needs a random source.
 *
 * <p>Some fields are private to one player or to the server ({@link HandStarted#deck()},
 * {@link HoleCardsDealt#cards()}); the server filters them per viewer before anything leaves it.
 */
public sealed interface TableEvent {

    record PlayerSeated(int seat, String playerId, long stack, boolean waitForBigBlind, boolean postBigBlind)
            implements TableEvent {}

    /** The player left the seat taking {@code chips} (stack plus any pending top-up) with them. */
    record PlayerLeft(int seat, String playerId, long chips) implements TableEvent {}

    /** The player asked to leave during a hand they are in; they leave when it ends. */
    record LeaveRequested(int seat) implements TableEvent {}

    record PlayerSatOut(int seat, SitOutReason reason) implements TableEvent {}

    record PlayerSatIn(int seat, boolean waitForBigBlind) implements TableEvent {}

    /** Chips added to a stack; {@code pending} while the player is in a hand, applied when it ends. */
    record ChipsAdded(int seat, long amount, boolean pending) implements TableEvent {}

    /**
     * A hand starts. {@code dealtIn} lists the seats dealt in, in seat order, with their players and
     * stacks before any forced bet in {@code players} and {@code stacks} (same order), so a hand's
     * events describe it completely. {@code deck} and {@code salt} are server-private until the hand
     * ends; {@code commitment} (hex SHA-256 of both) is published at once.
     */
    record HandStarted(long handNumber, int button, int smallBlindSeat, int bigBlindSeat, List<Integer> dealtIn,
            List<String> players, List<Long> stacks, List<Card> deck, String salt, String commitment,
            long startedAt) implements TableEvent {}

    /** The blinds passed a sitting-out player: they owe them on return. */
    record BlindsMissed(int seat, boolean small, boolean big) implements TableEvent {}

    record ForcedBetPosted(int seat, ForcedBet kind, long amount, boolean allIn) implements TableEvent {}

    record HoleCardsDealt(int seat, List<Card> cards) implements TableEvent {}

    /** It is {@code seat}'s turn; the action clock runs out at {@code deadline} (epoch ms). */
    record TurnStarted(int seat, long deadline) implements TableEvent {}

    /** The action clock ran out and the player's time bank now runs until {@code deadline}. */
    record TimeBankStarted(int seat, long deadline) implements TableEvent {}

    /** Time taken from the player's time bank. */
    record TimeBankUsed(int seat, long millis) implements TableEvent {}

    /** Time added to the player's time bank by the table's {@link TimeBankRefill}, between hands. */
    record TimeBankRefilled(int seat, long millis) implements TableEvent {}

    /** The player did not act in time; {@code consecutive} counts timeouts in a row. */
    record PlayerTimedOut(int seat, int consecutive) implements TableEvent {}

    /**
     * A decision. {@code added} is the chips moved from stack to bet, {@code betTo} the player's total
     * bet on this street afterwards; {@code automatic} for actions taken by the clock.
     */
    record ActionTaken(int seat, Action action, long added, long betTo, boolean allIn, boolean automatic)
            implements TableEvent {}

    record UncalledBetReturned(int seat, long amount) implements TableEvent {}

    record StreetDealt(Street street, List<Card> cards) implements TableEvent {}

    record CardsShown(int seat, List<Card> cards, String description) implements TableEvent {}

    record CardsMucked(int seat) implements TableEvent {}

    /** One pot: {@code amount} before rake, {@code rake} taken from it, and who won what. */
    record PotAwarded(int pot, long amount, long rake, List<Integer> eligible, List<Share> shares)
            implements TableEvent {}

    /** The hand is over; the deck and salt are revealed so anyone can check the commitment. */
    record HandEnded(long handNumber, List<Card> deck, String salt, String commitment) implements TableEvent {}

    /** A winner's part of a pot. */
    record Share(int seat, long amount) {}
}
