package dev.poker.server.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Messages between the nodes of a cluster, over each node's bus channel. Requests carry the id the
 * answer ({@link Reply}) names, and the node that waits for it.
 *
 * <p>Concurrency: immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BusMessage.Forward.class, name = "forward"),
        @JsonSubTypes.Type(value = BusMessage.CatchUpRequest.class, name = "catch_up"),
        @JsonSubTypes.Type(value = BusMessage.Left.class, name = "left"),
        @JsonSubTypes.Type(value = BusMessage.Reply.class, name = "reply"),
        @JsonSubTypes.Type(value = BusMessage.ToAccount.class, name = "to_account"),
        @JsonSubTypes.Type(value = BusMessage.Create.class, name = "create")})
sealed interface BusMessage {

    /** A client's table request, sent by the node holding the connection to the table's owner. */
    record Forward(String id, String from, String table, String account, String name, String message)
            implements BusMessage {}

    /** A viewer on node {@code from} needs to follow the table after {@code lastSeq} (null: a snapshot). */
    record CatchUpRequest(String id, String from, String table, String account, Long lastSeq, String requestId,
            boolean joining) implements BusMessage {}

    /** A connection of {@code account} on node {@code from} stopped watching the table. */
    record Left(String from, String table, String account) implements BusMessage {}

    /** The answer to a request: frames for the client, the catch-up's sequence number, or an error code. */
    record Reply(String id, List<String> frames, Long at, String error) implements BusMessage {}

    /** A frame for every connection of an account, wherever it is (balance updates). */
    record ToAccount(String from, String account, String frame) implements BusMessage {}

    /** Open a table here (placement chose this node); the reply's frames answer the client. */
    record Create(String id, String from, String requestId, String message) implements BusMessage {}
}
