package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;

/**
 * Someone who receives a table's messages and the answers to their requests: a client connection on
 * this node, or (on a table's owner) the node that forwarded a request.
 */
public interface Viewer {
    /** The viewer's account, or null for an anonymous spectator. */
    String accountId();

    /** The connection this viewer stands for, wherever it is. */
    Origin origin();

    /** Hands typed messages to the viewer, in order. Never blocks. */
    void deliver(Outbound out);

    default void reply(ServerMessage message) {
        deliver(new Outbound.Reply(message));
    }

    /**
     * The request {@code requestId} this viewer sent was accepted and its ack travels in the table's
     * batch stream, in the batch ending at {@code seq}. A connection checks that the batch reached it
     * (else it catches up); a node that forwarded the request passes this on to the requester's node.
     */
    void ackInStream(String tableId, String requestId, long seq);
}
