package dev.poker.server.store;

import dev.poker.engine.TableEvent;
import dev.poker.server.account.InMemoryAccounts;
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
    private final ConcurrentHashMap<String, CompletedHand> hands = new ConcurrentHashMap<>();
    private final InMemoryAccounts accounts;

    /** A store that posts cash-outs to these accounts (null: nobody to pay, for engine-only tests). */
    public InMemoryEventStore(InMemoryAccounts accounts) {
        this.accounts = accounts;
    }

    private static final class Log {
        final List<StoredEvent> events = new ArrayList<>();
        long epoch;
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
            List<CompletedHand> completed) {
        Log log = logs.computeIfAbsent(tableId, id -> new Log());
        synchronized (log) {
            if (epoch < log.epoch) {
                return CompletableFuture.failedFuture(new FencedException(tableId, epoch));
            }
            long next = log.events.isEmpty() ? 1 : log.events.get(log.events.size() - 1).seq() + 1;
            if (!events.isEmpty() && events.get(0).seq() != next) {
                return CompletableFuture.failedFuture(new DivergedException(tableId, next, events.get(0).seq()));
            }
            log.epoch = epoch;
            log.events.addAll(events);
            for (CompletedHand h : completed) {
                hands.put(h.handId(), h);
            }
            if (accounts != null) {
                for (StoredEvent e : events) {
                    if (e.event() instanceof TableEvent.PlayerLeft l) {
                        accounts.credit(l.playerId(), l.chips());
                    }
                }
            }
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

    /** A player's most recent hands, newest first. */
    public List<TableCatalog.HandSummary> handsOf(String accountId, int limit) {
        List<TableCatalog.HandSummary> out = new ArrayList<>();
        for (CompletedHand h : hands.values()) {
            for (CompletedHand.Participant p : h.players()) {
                if (p.accountId().equals(accountId)) {
                    out.add(new TableCatalog.HandSummary(h.handId(), h.tableId(), h.handNumber(), h.endedAt(),
                            p.seat(), p.net(), h.pot()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(TableCatalog.HandSummary::endedAt).reversed()
                .thenComparing(java.util.Comparator.comparingLong(TableCatalog.HandSummary::handNumber).reversed()));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** A completed hand, by id. */
    public CompletedHand hand(String handId) {
        return hands.get(handId);
    }

    @Override
    public boolean healthy() {
        return true;
    }
}
