package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;

/**
 * A client connection in the actor fuzz: hands every message it receives to the {@link Witness} (which
 * checks it against the store at the moment of delivery) and keeps the cursor a real client keeps:
 * the last sequence number it holds of the table (-1 until its first snapshot).
 *
 * <p>Concurrency: test thread only.
 */
final class FuzzViewer implements Viewer {

    /** Checks each message when it is delivered. */
    interface Witness {
        /** {@code inView}: part of the table's stream (a view); else a direct reply. */
        void saw(FuzzViewer viewer, ServerMessage message, boolean inView);
    }

    private final String label;
    private final String account;
    private final Origin origin;
    private final String tableId;
    private final LocalViewers viewers;
    private final Witness witness;
    /** The last sequence number this connection holds (an event, or a snapshot's), -1: none yet. */
    long cursor = -1;
    /** Whether the connection asked to watch the table (and has not stopped). */
    boolean watching;

    FuzzViewer(String label, String account, Origin origin, String tableId, LocalViewers viewers, Witness witness) {
        this.label = label;
        this.account = account;
        this.origin = origin;
        this.tableId = tableId;
        this.viewers = viewers;
        this.witness = witness;
    }

    @Override
    public String accountId() {
        return account;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public void deliver(Outbound out) {
        if (out instanceof Outbound.View v) {
            v.messages().forEach(m -> witness.saw(this, m, true));
        } else {
            witness.saw(this, ((Outbound.Reply) out).message(), false);
        }
    }

    @Override
    public void ackInStream(String table, String requestId, long seq) {
        viewers.expectAck(table, this, requestId, seq); // what a client session does
    }

    String tableId() {
        return tableId;
    }

    @Override
    public String toString() {
        return label;
    }
}
