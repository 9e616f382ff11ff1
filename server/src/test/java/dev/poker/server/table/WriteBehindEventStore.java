package dev.poker.server.table;

import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.FencedException;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A deliberately broken event store, only for showing that {@link TableActorFuzzProperties} catches a
 * breach of the durable-before-visible rule: a write-behind cache that reports every append as done at
 * once and writes it to the real store in the background, one write at a time, again and again until
 * it is durable. Nothing is lost in the end, but the table believes its events are durable while they
 * are not, so it shows them too early.
 *
 * <p>Concurrency: test thread only.
 */
final class WriteBehindEventStore implements EventStore {
    private record Write(String tableId, long epoch, List<StoredEvent> events, List<CompletedHand> hands) {}

    private final EventStore durable;
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    private boolean writing;

    WriteBehindEventStore(EventStore durable) {
        this.durable = durable;
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
            List<CompletedHand> hands) {
        queue.add(new Write(tableId, epoch, List.copyOf(events), List.copyOf(hands)));
        writeNext();
        return CompletableFuture.completedFuture(null); // the bug: "done" before it is durable
    }

    private void writeNext() {
        if (writing || queue.isEmpty()) {
            return;
        }
        writing = true;
        Write w = queue.peek();
        durable.append(w.tableId(), w.epoch(), w.events(), w.hands()).whenComplete((ok, error) -> {
            writing = false;
            if (error == null) {
                queue.poll();
            } else if (error instanceof FencedException) {
                queue.clear();
            }
            writeNext();
        });
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        return durable.read(tableId, afterSeq, limit);
    }

    @Override
    public boolean healthy() {
        return durable.healthy();
    }
}
