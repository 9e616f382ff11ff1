package dev.poker.server.table;

import java.util.function.Consumer;

/**
 * A table as the session layer sees it, wherever it runs: a {@link TableActor} on this node, or a
 * proxy that forwards to the node that owns the table.
 *
 * <p>Concurrency: implementations are thread-safe and never block the caller.
 */
public interface TableHandle {

    String id();

    /** A client request about this table; the answer goes to the request's viewer. */
    void request(TableRequest request);

    /** What a viewer needs to follow the table; {@code done} gets null when the table could not answer. */
    void catchUp(CatchUpQuery query, Consumer<CatchUp> done);

    /** A connection of {@code account} stopped watching the table (it may still be seated). */
    void left(String account);
}
