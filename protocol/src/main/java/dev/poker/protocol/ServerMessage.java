package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;

/** Messages from the server to a client. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerMessage.Tables.class, name = "tables"),
    @JsonSubTypes.Type(value = ServerMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ServerMessage.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = ServerMessage.Event.class, name = "event"),
    @JsonSubTypes.Type(value = ServerMessage.YourTurn.class, name = "your_turn"),
    @JsonSubTypes.Type(value = ServerMessage.Balance.class, name = "balance"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerMessage.Reconnect.class, name = "reconnect"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage {

    /** Answer to {@code hello}: the account, its balance and a token that resumes it. */
    record Welcome(String id, String account, String name, long balance, String token, String node)
            implements ServerMessage {}

    /** The lobby. */
    record Tables(String id, List<TableSummary> tables) implements ServerMessage {}

    /**
     * A request was carried out. {@code table} names the table it concerned (a new table's id for
     * {@code create_table}); {@code seq} is the table's sequence number once its effect was applied.
     */
    record Ack(String id, String table, Long seq) implements ServerMessage {}

    /** The whole table as this viewer may see it, as of sequence number {@code seq}. */
    record Snapshot(String table, long seq, TableView view) implements ServerMessage {}

    /** One table event as this viewer may see it. Sequence numbers per table have no gaps. */
    record Event(String table, long seq, long hand, GameEvent event) implements ServerMessage {}

    /**
     * It is this player's turn: what they may do. {@code actions} among fold, check, call, bet, raise,
     * all_in; {@code callAmount} is what a call adds; bet/raise "to" amounts lie in [minTo, maxTo];
     * {@code deadline} is epoch ms, {@code timeBankMs} what remains of the time bank.
     */
    record YourTurn(String table, long hand, int seat, List<String> actions, long callAmount, long minTo, long maxTo,
            long deadline, long timeBankMs) implements ServerMessage {}

    /** The account's balance changed (buy-in, cash-out). */
    record Balance(String account, long balance) implements ServerMessage {}

    /**
     * A request failed. {@code code} is stable (an {@link ErrorCode} name, see protocol/README.md), {@code message}
     * a sentence for people, {@code retryable} whether the same request may succeed later, {@code id} the
     * request's id. The server builds errors with {@link #of}, so {@code retryable} is the catalogue's; the
     * canonical constructor keeps {@code code} a string so that a client decodes codes it does not know yet.
     */
    record Error(String id, String code, String message, boolean retryable, String table) implements ServerMessage {

        /** An error with a catalogue code; {@code retryable} is {@link ErrorCode#retryable() the code's}. */
        public static Error of(String id, ErrorCode code, String message, String table) {
            return new Error(id, code.name(), message, code.retryable(), table);
        }

        /** The catalogue's code for {@code code}; empty when this catalogue does not know it (a newer server's). */
        @JsonIgnore
        public Optional<ErrorCode> errorCode() {
            return ErrorCode.fromWire(code);
        }
    }

    record Pong(String id, Long t, long serverTime) implements ServerMessage {}

    /** The node is going away: connect again (through the load balancer) and resume with the token. */
    record Reconnect(String reason) implements ServerMessage {}
}
