package dev.poker.server.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only audit log of every table. A table's actor appends each batch of events and shows
 * nothing of them to anyone until the returned future completes: then they are durable.
 *
 * <p>A write carries the writer's ownership epoch; a store refuses writes with an epoch older than
 * the table's current one by failing the future with {@link FencedException}. Any other failure means
 * the store is unavailable: the table pauses and retries the same batch.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Appends events (sequence numbers consecutive, following the table's last) at {@code epoch}, with
     * their effects on balances (cash-outs credit the player, rake goes to the rake account) and the
     * hands they complete, all in one transaction.
     */
    CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events, List<CompletedHand> hands);

    /** Events of a table with sequence numbers above {@code afterSeq}, in order, at most {@code limit}. */
    List<StoredEvent> read(String tableId, long afterSeq, int limit);

    /** Whether the store answered its last health check. */
    boolean healthy();

    @Override
    default void close() {}
}
