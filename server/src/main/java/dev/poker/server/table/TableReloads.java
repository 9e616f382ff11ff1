package dev.poker.server.table;

import dev.poker.registry.TableRegistry;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.TableCatalog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a table whose memory and audit log diverged (a write did not continue the log): the log is the
 * truth. The node takes the table over from itself at a new epoch (which fences the diverged copy's
 * writes still in flight), replays the log and starts a new copy in its place; its viewers see the new
 * epoch on its batches and start over from a snapshot ({@link LocalViewers}). If the reload fails the
 * table's lease is released so another node can take it. Tables stopped for a reason other than moving
 * (a divergence being reloaded, a failed reload, an internal error) are listed for {@code /health} for
 * {@link #REMEMBER_MS}.
 *
 * <p>Concurrency: thread-safe; reloads run on the workers (they block on the database), the list of
 * stopped tables is a concurrent map.
 */
final class TableReloads {
    private static final Logger log = LoggerFactory.getLogger(TableReloads.class);
    /** How long a stopped table stays in {@code /health}'s list. */
    static final long REMEMBER_MS = 10 * 60_000;

    /** What a reload needs of the directory. */
    interface Tables {
        /** Starts a rebuilt copy at {@code epoch} in place of {@code stale}; false when {@code stale} is gone. */
        boolean replace(TableActor stale, TableRebuilder.Rebuilt rebuilt, long epoch);

        /** Forgets {@code stale} and gives its lease back. */
        void remove(TableActor stale);

        long nowMs();
    }

    private final String nodeId;
    private final TableRegistry registry;
    private final TableCatalog catalog;
    private final TableRebuilder rebuilder;
    private final PokerMetrics metrics;
    private final Tables tables;
    private final Map<String, NotServing> stopped = new ConcurrentHashMap<>();

    TableReloads(String nodeId, TableRegistry registry, TableCatalog catalog, TableRebuilder rebuilder,
            PokerMetrics metrics, Tables tables) {
        this.nodeId = nodeId;
        this.registry = registry;
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.metrics = metrics;
        this.tables = tables;
    }

    /** Rebuilds {@code stale} from the log (call on a worker). */
    void reload(TableActor stale) {
        String id = stale.id();
        long started = System.nanoTime();
        stopped.put(id, new NotServing(id, "stopped", "diverged from its log; reloading", tables.nowMs()));
        try {
            if (registry.owner(id).map(l -> !l.nodeId().equals(nodeId)).orElse(false)) {
                log.warn("table {}: another node owns it now; not reloading it here", id);
                tables.remove(stale);
                stopped.remove(id);
                return;
            }
            long epoch = catalog.takeOver(id, nodeId, stale.epoch() + 1);
            TableCatalog.TableRecord r = catalog.table(id)
                    .orElseThrow(() -> new IllegalStateException("table " + id + " is not in the catalog"));
            TableRebuilder.Rebuilt rebuilt = rebuilder.rebuild(r);
            if (!tables.replace(stale, rebuilt, epoch)) {
                log.warn("table {}: stopped on this node while it was being reloaded", id);
                stopped.remove(id);
                return;
            }
            stopped.remove(id);
            metrics.reloaded();
            log.warn("table {} reloaded from its log: seq {}, epoch {}, {} events in {} ms; its viewers get a"
                    + " snapshot", id, rebuilt.lastSeq(), epoch, rebuilt.events(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            log.error("table {}: reloading it from its log failed; releasing its lease so another node can take it",
                    id, e);
            stopped.put(id, new NotServing(id, "stopped", "diverged from its log; reload failed: " + e.getMessage(), tables.nowMs()));
            tables.remove(stale);
        }
    }

    /** Records a table that stopped here for another reason worth an operator's eye. */
    void stoppedFor(String tableId, String why) {
        stopped.put(tableId, new NotServing(tableId, "stopped", why, tables.nowMs()));
    }

    /** The table runs here again (restored): it is not stopped any more. */
    void running(String tableId) {
        stopped.remove(tableId);
    }

    /** Tables stopped within the last {@link #REMEMBER_MS}. */
    java.util.List<NotServing> recent() {
        long now = tables.nowMs();
        stopped.values().removeIf(s -> now - s.sinceMs() > REMEMBER_MS);
        return java.util.List.copyOf(stopped.values());
    }
}
