package dev.poker.server.table;

import dev.poker.protocol.ClientMessage;
import dev.poker.server.trace.RequestTrace;

/**
 * A client request about one table: who sent it ({@code from} gets the answer), the account and its
 * display name, the message, when the node received it, and whether the requester's connection watches
 * the table (then its ack comes inside the batch stream, after the events; else it is answered directly);
 * {@code trace}: the trace the request belongs to (null when it is not traced).
 */
public record TableRequest(Viewer from, String account, String displayName, ClientMessage message,
        long receivedNanos, boolean watching, RequestTrace trace) {

    public TableRequest(Viewer from, String account, String displayName, ClientMessage message, long receivedNanos,
            boolean watching) {
        this(from, account, displayName, message, receivedNanos, watching, null);
    }
}
