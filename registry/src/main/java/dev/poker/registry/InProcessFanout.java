package dev.poker.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Fan-out inside one process: {@link #publish} calls every receiver of the table directly, on the
 * publishing thread, in subscription order.
 *
 * <p>Concurrency: thread-safe; receivers must be cheap and must not block (they run on the publisher's
 * thread, typically a table actor).
 */
public final class InProcessFanout<M> implements Fanout<M> {
    private final ConcurrentHashMap<String, Set<Consumer<M>>> receivers = new ConcurrentHashMap<>();

    @Override
    public void publish(String tableId, M message) {
        Set<Consumer<M>> set = receivers.get(tableId);
        if (set != null) {
            for (Consumer<M> r : set) {
                r.accept(message);
            }
        }
    }

    @Override
    public Subscription subscribe(String tableId, Consumer<M> receiver) {
        Consumer<M> unique = receiver::accept; // a distinct identity per subscription
        receivers.computeIfAbsent(tableId, id -> new CopyOnWriteArraySet<>()).add(unique);
        return () -> receivers.computeIfPresent(tableId, (id, set) -> {
            set.remove(unique);
            return set.isEmpty() ? null : set;
        });
    }
}
