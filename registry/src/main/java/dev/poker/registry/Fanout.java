package dev.poker.registry;

import java.util.function.Consumer;

/**
 * Delivery of each table's events to every node that has viewers of the table. At most once: a
 * subscriber detects gaps with the events' sequence numbers and fetches what it missed.
 *
 * <p>Concurrency: implementations are thread-safe.
 *
 * @param <M> the published message type
 */
public interface Fanout<M> {

    /** Publishes a message on a table's channel. */
    void publish(String tableId, M message);

    /** Receives a table's messages until the returned subscription is closed. */
    Subscription subscribe(String tableId, Consumer<M> receiver);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
