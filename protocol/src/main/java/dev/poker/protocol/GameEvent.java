package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What happened at a table, as a client sees it. Cards are two-character strings ({@code "Ah"},
 * {@code "Td"}). Hole cards appear only for their owner until they are shown.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GameEvent.Seated.class, name = "seated"),
    @JsonSubTypes.Type(value = GameEvent.Left.class, name = "left"),
    @JsonSubTypes.Type(value = GameEvent.Leaving.class, name = "leaving"),
    @JsonSubTypes.Type(value = GameEvent.SatOut.class, name = "sat_out"),
    @JsonSubTypes.Type(value = GameEvent.SatIn.class, name = "sat_in"),
    @JsonSubTypes.Type(value = GameEvent.ChipsAdded.class, name = "chips_added"),
    @JsonSubTypes.Type(value = GameEvent.HandStarted.class, name = "hand_started"),
    @JsonSubTypes.Type(value = GameEvent.BlindsMissed.class, name = "blinds_missed"),
    @JsonSubTypes.Type(value = GameEvent.ForcedBet.class, name = "forced_bet"),
    @JsonSubTypes.Type(value = GameEvent.HoleCards.class, name = "hole_cards"),
    @JsonSubTypes.Type(value = GameEvent.Turn.class, name = "turn"),
    @JsonSubTypes.Type(value = GameEvent.TimeBank.class, name = "time_bank"),
    @JsonSubTypes.Type(value = GameEvent.TimeBankUsed.class, name = "time_bank_used"),
    @JsonSubTypes.Type(value = GameEvent.TimeBankRefilled.class, name = "time_bank_refilled"),
    @JsonSubTypes.Type(value = GameEvent.TimedOut.class, name = "timed_out"),
    @JsonSubTypes.Type(value = GameEvent.ActionTaken.class, name = "action"),
    @JsonSubTypes.Type(value = GameEvent.UncalledReturned.class, name = "uncalled_returned"),
    @JsonSubTypes.Type(value = GameEvent.Street.class, name = "street"),
    @JsonSubTypes.Type(value = GameEvent.Shown.class, name = "shown"),
    @JsonSubTypes.Type(value = GameEvent.Mucked.class, name = "mucked"),
    @JsonSubTypes.Type(value = GameEvent.PotAwarded.class, name = "pot_awarded"),
    @JsonSubTypes.Type(value = GameEvent.HandEnded.class, name = "hand_ended"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface GameEvent {

    record Seated(int seat, String account, String name, long stack) implements GameEvent {}

    /** The player stood up and took {@code chips} back to their balance. */
    record Left(int seat, String account, long chips) implements GameEvent {}

    /** The player will leave when the hand ends (folding when their turn comes). */
    record Leaving(int seat) implements GameEvent {}

    /** {@code reason}: requested, timeouts or busted. */
    record SatOut(int seat, String reason) implements GameEvent {}

    record SatIn(int seat, boolean waitForBigBlind) implements GameEvent {}

    /** A top-up; {@code pending} while the player is in a hand (added when it ends). */
    record ChipsAdded(int seat, long amount, boolean pending) implements GameEvent {}

    /** {@code commitment}: hex SHA-256 of the deck and a secret salt (see protocol/README.md). */
    record HandStarted(long hand, int button, int smallBlind, int bigBlind, List<Integer> dealtIn, String commitment)
            implements GameEvent {}

    record BlindsMissed(int seat, boolean small, boolean big) implements GameEvent {}

    /** {@code blind}: ante, big_blind_ante, small_blind, big_blind, posted_big_blind, dead_small_blind. */
    record ForcedBet(int seat, String blind, long amount, boolean allIn) implements GameEvent {}

    /** Two cards were dealt to {@code seat}; {@code cards} only for their owner. */
    record HoleCards(int seat, List<String> cards) implements GameEvent {}

    /** {@code seat} is to act until {@code deadline} (epoch ms). */
    record Turn(int seat, long deadline) implements GameEvent {}

    /** The action clock ran out; the time bank runs until {@code deadline}. */
    record TimeBank(int seat, long deadline) implements GameEvent {}

    record TimeBankUsed(int seat, long millis) implements GameEvent {}

    /** Time added to the seat's time bank between hands (the table's refilling time bank). */
    record TimeBankRefilled(int seat, long millis) implements GameEvent {}

    /** The player's clock ran out; {@code consecutive} counts in a row. */
    record TimedOut(int seat, int consecutive) implements GameEvent {}

    /**
     * {@code action}: fold, check, call, bet, raise; {@code added} chips went in, {@code betTo} is the
     * seat's total bet on this street; {@code auto} when the clock acted.
     */
    record ActionTaken(int seat, String action, long added, long betTo, boolean allIn, boolean auto)
            implements GameEvent {}

    record UncalledReturned(int seat, long amount) implements GameEvent {}

    /** {@code street}: flop, turn or river, with the cards it added to the board. */
    record Street(String street, List<String> cards) implements GameEvent {}

    record Shown(int seat, List<String> cards, String description) implements GameEvent {}

    record Mucked(int seat) implements GameEvent {}

    record PotAwarded(int pot, long amount, long rake, List<Integer> eligible, List<Share> shares)
            implements GameEvent {}

    /**
     * The hand is over. {@code deck} and {@code salt} reveal what the commitment hid, so anyone can
     * verify it; they are sent only by tables configured to reveal decks (revealing the deck also
     * reveals mucked hands), otherwise null.
     */
    record HandEnded(long hand, String commitment, String deck, String salt) implements GameEvent {}

    record Share(int seat, long amount) {}
}
