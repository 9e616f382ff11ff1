package dev.poker.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event store in memory, for unit tests: durable only as long as the process lives. It enforces
 * the same rules as the real stores: consecutive sequence numbers and epoch fencing.
 *
 * <p>Concurrency: thread-safe; each table's log is guarded by its own lock.
 */
public final class InMemoryEventStore implements EventStore {
    private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();

    private static final class Log {
        final List<StoredEvent> events = new ArrayList<>();
        long epoch;
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events) {
        Log log = logs.computeIfAbsent(tableId, id -> new Log());
        synchronized (log) {
            if (epoch < log.epoch) {
                return CompletableFuture.failedFuture(new FencedException(tableId, epoch));
            }
            long next = log.events.isEmpty() ? 1 : log.events.get(log.events.size() - 1).seq() + 1;
            if (!events.isEmpty() && events.get(0).seq() != next) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "table " + tableId + " expects seq " + next + ", got " + events.get(0).seq()));
            }
            log.epoch = epoch;
            log.events.addAll(events);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        Log log = logs.get(tableId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            List<StoredEvent> out = new ArrayList<>();
            for (StoredEvent e : log.events) {
                if (e.seq() > afterSeq && out.size() < limit) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    @Override
    public boolean healthy() {
        return true;
    }
}
