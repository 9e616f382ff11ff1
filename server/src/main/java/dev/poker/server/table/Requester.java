package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;

/**
 * Who waits for the answer to one accepted-or-rejected request: the viewer it came from, the
 * request's id, when it arrived, and whether the viewer watches the table (then the ack of accepted
 * events travels with them as a {@link Receipt}; else it is sent directly once they are durable).
 */
record Requester(Viewer from, String requestId, long receivedNanos, boolean watching) {

    /** The ack of events up to {@code seq}, once they are durable. */
    void acknowledge(String tableId, long seq, boolean inStream) {
        if (inStream) {
            from.ackInStream(tableId, requestId, seq);
        } else {
            from.reply(new ServerMessage.Ack(requestId, tableId, seq));
        }
    }

    /** Whether the ack of accepted events travels with them in the batch stream (else it goes directly). */
    boolean ackInStream() {
        return watching && from.origin() != null;
    }

    /** The receipt that travels in the batch ending at {@code seq}, or null when the ack goes directly. */
    Receipt receipt(long seq) {
        return ackInStream() ? new Receipt(from.origin(), requestId, seq) : null;
    }
}
