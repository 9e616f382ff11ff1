package dev.poker.engine;

/** Stable reasons for refusing a command. Clients see these codes unchanged; never rename one. */
public enum RejectCode {
    INVALID_SEAT("There is no such seat at this table."),
    SEAT_TAKEN("That seat is taken."),
    ALREADY_SEATED("You already have a seat at this table."),
    NOT_SEATED("Nobody sits in that seat."),
    BUY_IN_OUT_OF_RANGE("The buy-in is outside the table's range."),
    INVALID_AMOUNT("The amount is not valid."),
    HAND_NOT_RUNNING("No hand is running."),
    HAND_IN_PROGRESS("A hand is running; wait until it ends."),
    WRONG_HAND("That hand is over."),
    NOT_YOUR_TURN("It is not your turn."),
    NOT_IN_HAND("You are not in this hand."),
    CANNOT_CHECK("There is a bet to call; you cannot check."),
    NOTHING_TO_CALL("There is no bet to call; check instead."),
    BET_NOT_ALLOWED("There is already a bet; raise instead."),
    RAISE_NOT_ALLOWED("You cannot raise now."),
    BELOW_MIN_BET("The bet is below the minimum."),
    BELOW_MIN_RAISE("The raise is below the minimum."),
    INSUFFICIENT_CHIPS("You do not have that many chips."),
    ABOVE_MAX_BUY_IN("That would take your stack above the table's maximum."),
    NOT_ENOUGH_PLAYERS("At least two players must be ready to start a hand."),
    TOO_EARLY("The player's time has not run out yet."),
    ALREADY_SITTING_OUT("You are already sitting out."),
    NOT_SITTING_OUT("You are not sitting out."),
    ALREADY_LEAVING("You are already leaving."),
    ABOVE_POT_LIMIT("The bet or raise is above the pot limit.");

    private final String message;

    RejectCode(String message) {
        this.message = message;
    }

    /** A default sentence for the code. */
    public String message() {
        return message;
    }
}
