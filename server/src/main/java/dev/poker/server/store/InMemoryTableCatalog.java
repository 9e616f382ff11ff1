package dev.poker.server.store;

import dev.poker.engine.TableConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table catalog in memory, for tests and nodes without a database. Reservations are settled at
 * once in memory, so nothing is ever unsettled.
 *
 * <p>Concurrency: thread-safe.
 */
public final class InMemoryTableCatalog implements TableCatalog {
    private final ConcurrentHashMap<String, TableRecord> tables = new ConcurrentHashMap<>();
    private final InMemoryEventStore store;

    public InMemoryTableCatalog(InMemoryEventStore store) {
        this.store = store;
    }

    @Override
    public void register(String tableId, String name, TableConfig config, String nodeId, long epoch) {
        tables.put(tableId, new TableRecord(tableId, name, config, nodeId, epoch, 0));
    }

    @Override
    public Optional<TableRecord> table(String tableId) {
        return Optional.ofNullable(tables.get(tableId));
    }

    @Override
    public List<TableRecord> openTables() {
        return new ArrayList<>(tables.values());
    }

    @Override
    public long takeOver(String tableId, String nodeId, long minEpoch) {
        TableRecord r = tables.compute(tableId, (id, t) -> new TableRecord(id, t.name(), t.config(), nodeId,
                Math.max(t.epoch() + 1, minEpoch), t.lastSeq()));
        return r.epoch();
    }

    @Override
    public List<Unsettled> unsettled(String tableId) {
        return List.of();
    }

    @Override
    public Optional<CompletedHand> hand(String handId) {
        return Optional.ofNullable(store.hand(handId));
    }

    @Override
    public List<HandSummary> handsOf(String accountId, int limit) {
        return store.handsOf(accountId, limit);
    }
}
