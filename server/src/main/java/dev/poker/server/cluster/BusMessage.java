package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.CatchUpQuery;

/**
 * Messages between the nodes of a cluster, over each node's bus channel ({@link BusCodec} gives their
 * versioned wire form). Requests carry the id their answer ({@link Reply}) names, and the node that
 * waits for it.
 *
 * <p>Concurrency: immutable.
 */
sealed interface BusMessage {

    /**
     * A client's table request, sent by the node holding the connection ({@code from}, connection
     * number {@code connection}) to the table's owner. {@code watching}: the connection watches the
     * table, so the ack travels in the batch stream. {@code traceparent}: the sender's trace context (W3C),
     * null when the request is not traced.
     */
    record Forward(String id, String from, String table, String account, String name, ClientMessage message,
            long connection, boolean watching, String traceparent) implements BusMessage {

        Forward(String id, String from, String table, String account, String name, ClientMessage message,
                long connection, boolean watching) {
            this(id, from, table, account, name, message, connection, watching, null);
        }
    }

    /** A viewer on node {@code from} needs to follow the table. */
    record CatchUpRequest(String id, String from, String table, CatchUpQuery query) implements BusMessage {}

    /** A connection of {@code account} on node {@code from} stopped watching the table. */
    record Left(String from, String table, String account) implements BusMessage {}

    /** The answer to a request. */
    record Reply(String id, Answer answer) implements BusMessage {}

    /** A message for every connection of an account, wherever it is (balance updates). */
    record ToAccount(String from, String account, ServerMessage message) implements BusMessage {}

    /** Open a table here (placement chose this node); the reply's message answers the client. */
    record Create(String id, String from, ClientMessage.CreateTable message) implements BusMessage {}

    /** What a {@link Reply} says. */
    sealed interface Answer {}

    /** A message for the client that sent the request (an error, an ack not in the stream, a new table). */
    record Message(ServerMessage message) implements Answer {}

    /** The request was accepted; its ack travels in the table's batch stream, in the batch ending at {@code seq}. */
    record Accepted(String requestId, long seq) implements Answer {}

    /** The catch-up a viewer asked for. */
    record CaughtUp(CatchUp catchUp) implements Answer {}

    /** The node could not take the request: {@link ErrorCode#NOT_OWNER}, {@link ErrorCode#TABLE_CLOSED}... */
    record Refused(ErrorCode code) implements Answer {}
}
