package dev.poker.server.table;

import dev.poker.protocol.ClientMessage;
import java.util.function.Consumer;

/**
 * A table as the session layer sees it, wherever it runs: a {@link TableActor} on this node, or a
 * proxy that forwards to the node that owns the table.
 *
 * <p>Concurrency: implementations are thread-safe and never block the caller.
 */
public interface TableHandle {

    String id();

    /** A client request about this table, from a connection of {@code accountId}; the answer goes to {@code from}. */
    void request(Viewer from, String accountId, String displayName, ClientMessage message, long receivedNanos);

    /**
     * What {@code account} needs to follow the table after {@code lastSeq} (null: a snapshot), with the
     * ack of {@code requestId} (if not null). {@code joining}: a new connection of the account starts
     * watching. {@code done} gets null when the table could not answer (stopped, moved, unreachable).
     */
    void catchUp(String account, Long lastSeq, String requestId, boolean joining, Consumer<LocalViewers.CatchUp> done);

    /** A connection of {@code account} stopped watching the table (it may still be seated). */
    void left(String account);
}
