package dev.poker.protocol;

import dev.poker.engine.RejectCode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one catalogue of wire error codes, as exchange-core keeps its {@code CommandResultCode}: every
 * layer maps its failures into it. A constant's {@link #name() name} is what a client receives in
 * {@code error.code} and matches on, so a constant is never renamed; its number places it in a
 * {@link Range}; {@link #retryable()} is the {@code retryable} flag the server sends with it.
 * protocol/README.md §6 lists this catalogue (a test keeps the two equal).
 *
 * <p>Concurrency: immutable; safe from any thread.
 */
public enum ErrorCode {
    // ---- rules (1xxx): the engine's rejections, see of(RejectCode); a rejected request changes nothing
    INVALID_SEAT(1001, false, "The seat number does not exist at this table."),
    SEAT_TAKEN(1002, false, "Somebody already sits in the chosen seat."),
    ALREADY_SEATED(1003, false, "The player already has a seat at this table."),
    BUY_IN_OUT_OF_RANGE(1004, false, "The buy-in is outside the table's minimum and maximum."),
    INVALID_AMOUNT(1005, false, "The amount of a bet or raise is not valid, for example not above the current bet."),
    HAND_NOT_RUNNING(1006, false, "No hand is running, so there is nothing to act on."),
    HAND_IN_PROGRESS(1007, false, "A hand is running, so the command has to wait until it ends (internal; not sent "
            + "to clients)."),
    WRONG_HAND(1008, false, "The action names a hand other than the one being played."),
    NOT_YOUR_TURN(1009, false, "Another seat, or nobody, is to act now."),
    NOT_IN_HAND(1010, false, "The player was not dealt into this hand or has folded."),
    CANNOT_CHECK(1011, false, "There is a bet to call, so the player cannot check."),
    NOTHING_TO_CALL(1012, false, "There is no bet to call, so the player should check instead."),
    BET_NOT_ALLOWED(1013, false, "There is already a bet, so the player has to raise (reserved; not sent at present)."),
    RAISE_NOT_ALLOWED(1014, false, "The player may not raise now: the betting was not reopened, no opponent can "
            + "call, or the chips only cover a call."),
    BELOW_MIN_BET(1015, false, "The bet is below the minimum and is not all-in."),
    BELOW_MIN_RAISE(1016, false, "The raise is below the minimum and is not all-in."),
    INSUFFICIENT_CHIPS(1017, false, "The player's stack does not cover the amount, or is empty."),
    ABOVE_MAX_BUY_IN(1018, false, "The top-up would take the stack above the table's maximum buy-in."),
    NOT_ENOUGH_PLAYERS(1019, false, "Fewer than two players are ready to start a hand (internal; not sent to "
            + "clients)."),
    TOO_EARLY(1020, false, "The player's time has not run out yet (internal; not sent to clients)."),
    ALREADY_SITTING_OUT(1021, false, "The player is already sitting out."),
    NOT_SITTING_OUT(1022, false, "The player is not sitting out."),
    ALREADY_LEAVING(1023, false, "The player is already leaving the table."),
    ABOVE_POT_LIMIT(1024, false, "At a pot-limit table, the bet or raise is above the pot limit (the pot after the "
            + "call)."),

    // ---- session (2xxx): the connection and its messages
    BAD_JSON(2001, false, "The frame is not one JSON object: invalid JSON, a duplicate key, data after the object, "
            + "or too deep or long."),
    UNKNOWN_TYPE(2002, false, "The message's type is not one of the client message types."),
    INVALID_MESSAGE(2003, false, "The message breaks a rule of its type (a missing or mistyped field, a bad id, a "
            + "value out of range) or came in a binary frame."),
    NOT_AUTHENTICATED(2004, false, "The connection has to say hello (with a name or a token) before this request."),
    ALREADY_AUTHENTICATED(2005, false, "The connection already has an account, or a hello on its way."),
    INVALID_TOKEN(2006, false, "The session token is malformed, forged or expired."),
    RATE_LIMITED(2007, true, "The connection sent more messages than its rate allows, so the frame was dropped "
            + "unread."),

    // ---- table (3xxx): finding, opening and using a table on a node
    TABLE_NOT_FOUND(3001, false, "No table has that id, on this node or any other."),
    TABLE_CLOSED(3002, true, "The table stopped on this node (it moved or failed); reconnect and join it again."),
    TOO_MANY_TABLES(3003, true, "The node already runs as many tables as it may."),
    NOT_SEATED(3004, false, "The player has no seat at this table (also the engine's code for an empty seat)."),
    INSUFFICIENT_BALANCE(3005, false, "The account's balance does not cover the buy-in or top-up."),
    STORE_UNAVAILABLE(3006, true, "The account store, the table catalog or the table's log is unavailable for now."),
    DRAINING(3007, true, "The node is shutting down and opens no tables and seats nobody."),
    TABLE_MOVING(3008, true, "The table is between nodes (failover or drain), and the request was not applied."),

    // ---- cluster (4xxx): reaching the node that runs a table
    NODE_UNREACHABLE(4001, true, "The node that runs the table did not answer in time, so the request may or may not "
            + "have been applied."),
    REGISTRY_UNAVAILABLE(4002, true, "The cluster registry (Redis) is unreachable, so tables on other nodes and new "
            + "placements are unavailable."),
    NOT_OWNER(4003, true, "Between nodes only, never sent to clients: the node asked does not run the table (any "
            + "more), so the asker routes again."),

    // ---- internal (9xxx): bugs
    INTERNAL_ERROR(9001, false, "A bug in the node failed the request, which was not applied; the table concerned is "
            + "stopped on this node.");

    /** The subsystem a code belongs to; a code's number lies in its range's thousand. */
    public enum Range {
        /** The game rules: the engine refused the command. */
        RULES(1000),
        /** The connection and its messages. */
        SESSION(2000),
        /** Finding, opening and using a table on a node. */
        TABLE(3000),
        /** Reaching the node that runs a table. */
        CLUSTER(4000),
        /** Bugs. */
        INTERNAL(9000);

        private final int first;

        Range(int first) {
            this.first = first;
        }

        /** The lowest number of the range; its codes are numbered from {@code first + 1} to {@code first + 999}. */
        public int first() {
            return first;
        }

        static Range of(int number) {
            for (Range r : values()) {
                if (number > r.first && number < r.first + 1000) {
                    return r;
                }
            }
            throw new IllegalArgumentException("error code number " + number + " lies in no range");
        }
    }

    private static final Map<String, ErrorCode> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::name, Function.identity()));

    private final int number;
    private final Range range;
    private final boolean retryable;
    private final String meaning;

    ErrorCode(int number, boolean retryable, String meaning) {
        this.number = number;
        this.range = Range.of(number);
        this.retryable = retryable;
        this.meaning = meaning;
    }

    /** The code's stable number; its thousand is the {@link #range()}. */
    public int number() {
        return number;
    }

    public Range range() {
        return range;
    }

    /** Whether the same request, sent again unchanged, may succeed later: the {@code retryable} the server sends. */
    public boolean retryable() {
        return retryable;
    }

    /** One sentence: what the code means. */
    public String meaning() {
        return meaning;
    }

    /** The catalogue's code for an engine rejection (the wire name is the reject code's name). */
    public static ErrorCode of(RejectCode code) {
        return switch (code) {
            case INVALID_SEAT -> INVALID_SEAT;
            case SEAT_TAKEN -> SEAT_TAKEN;
            case ALREADY_SEATED -> ALREADY_SEATED;
            case NOT_SEATED -> NOT_SEATED;
            case BUY_IN_OUT_OF_RANGE -> BUY_IN_OUT_OF_RANGE;
            case INVALID_AMOUNT -> INVALID_AMOUNT;
            case HAND_NOT_RUNNING -> HAND_NOT_RUNNING;
            case HAND_IN_PROGRESS -> HAND_IN_PROGRESS;
            case WRONG_HAND -> WRONG_HAND;
            case NOT_YOUR_TURN -> NOT_YOUR_TURN;
            case NOT_IN_HAND -> NOT_IN_HAND;
            case CANNOT_CHECK -> CANNOT_CHECK;
            case NOTHING_TO_CALL -> NOTHING_TO_CALL;
            case BET_NOT_ALLOWED -> BET_NOT_ALLOWED;
            case RAISE_NOT_ALLOWED -> RAISE_NOT_ALLOWED;
            case BELOW_MIN_BET -> BELOW_MIN_BET;
            case BELOW_MIN_RAISE -> BELOW_MIN_RAISE;
            case INSUFFICIENT_CHIPS -> INSUFFICIENT_CHIPS;
            case ABOVE_MAX_BUY_IN -> ABOVE_MAX_BUY_IN;
            case NOT_ENOUGH_PLAYERS -> NOT_ENOUGH_PLAYERS;
            case TOO_EARLY -> TOO_EARLY;
            case ALREADY_SITTING_OUT -> ALREADY_SITTING_OUT;
            case NOT_SITTING_OUT -> NOT_SITTING_OUT;
            case ALREADY_LEAVING -> ALREADY_LEAVING;
            case ABOVE_POT_LIMIT -> ABOVE_POT_LIMIT;
        };
    }

    /** The code a wire name stands for; empty for a name this catalogue does not know (a newer server's). */
    public static Optional<ErrorCode> fromWire(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
