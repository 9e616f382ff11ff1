package dev.poker.server.table;

import dev.poker.engine.TableEvent;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.FencedException;
import dev.poker.server.store.StoreUnavailableException;
import dev.poker.server.store.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An event store whose answers the test scripts: every append is held as a pending write until the
 * test makes it {@linkplain #makeDurable durable}, {@linkplain #fail fails} it (the store is
 * unavailable) or the table is {@linkplain #fence fenced} (then its writes are refused). A write is
 * durable exactly when it enters the log here, before its future completes, so {@link #durableSeq} is
 * the high-water mark a viewer may have seen. Breaches of the store's contract by the writer (two writes
 * of one table in flight, a gap in sequence numbers, a write after the table was told it is fenced) go
 * to {@code violations}.
 *
 * <p>Concurrency: test thread only (the fuzz runs everything on it).
 */
final class ScriptedEventStore implements EventStore {

    /** One write waiting for the test's answer. */
    record Append(String tableId, long epoch, List<StoredEvent> events, List<CompletedHand> hands,
            CompletableFuture<Void> future) {
        long lastSeq() {
            return events.get(events.size() - 1).seq();
        }
    }

    private final InMemoryAccounts accounts;
    private final Consumer<String> violations;
    private final Map<String, List<StoredEvent>> logs = new HashMap<>();
    private final Map<String, Long> answered = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private final Map<String, Long> refusedAt = new HashMap<>();
    private final List<Append> pending = new ArrayList<>();
    private int appends;

    ScriptedEventStore(InMemoryAccounts accounts, Consumer<String> violations) {
        this.accounts = accounts;
        this.violations = violations;
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
            List<CompletedHand> hands) {
        appends++;
        if (events.isEmpty()) {
            violations.accept("table " + tableId + " wrote an empty batch");
        }
        for (Append a : pending) {
            if (a.tableId().equals(tableId)) {
                violations.accept("table " + tableId + " started a write (from seq " + events.get(0).seq()
                        + ") while its write up to seq " + a.lastSeq() + " was in flight");
            }
        }
        Long refused = refusedAt.get(tableId);
        if (refused != null && epoch <= refused) {
            violations.accept("table " + tableId + " wrote at epoch " + epoch + " after that epoch was fenced");
        }
        Append a = new Append(tableId, epoch, List.copyOf(events), List.copyOf(hands), new CompletableFuture<>());
        pending.add(a);
        return a.future();
    }

    /** Writes waiting for an answer, oldest first. */
    List<Append> pending() {
        return List.copyOf(pending);
    }

    boolean hasPending(String tableId) {
        return pending.stream().anyMatch(a -> a.tableId().equals(tableId));
    }

    /** Appends ever requested (also the failed and refused ones). */
    int appends() {
        return appends;
    }

    /**
     * Answers {@code a}: refused when its table was fenced at a newer epoch, else the events enter the
     * log (cash-outs credited with them, as the real stores do in the same transaction) and only then
     * the future completes.
     */
    void makeDurable(Append a) {
        take(a);
        RuntimeException refused = commit(a);
        if (refused == null) {
            answered.merge(a.tableId(), a.lastSeq(), Math::max);
            a.future().complete(null);
        } else {
            a.future().completeExceptionally(refused);
        }
    }

    /**
     * Answers {@code a} as a commit whose answer was lost (the connection dropped after the commit): the
     * events are durable, but the writer hears of an outage and writes them again.
     */
    void commitAndLoseTheAnswer(Append a) {
        take(a);
        RuntimeException refused = commit(a);
        a.future().completeExceptionally(refused != null ? refused
                : new StoreUnavailableException(new IOException("connection lost at commit")));
    }

    /** Writes {@code a} as JdbcEventStore does; null when it is durable (now or by an earlier lost commit). */
    private RuntimeException commit(Append a) {
        long current = epochs.getOrDefault(a.tableId(), 0L);
        if (a.epoch() < current) {
            refusedAt.merge(a.tableId(), a.epoch(), Math::max);
            return new FencedException(a.tableId(), a.epoch());
        }
        List<StoredEvent> log = logs.computeIfAbsent(a.tableId(), t -> new ArrayList<>());
        long last = log.isEmpty() ? 0 : log.get(log.size() - 1).seq();
        if (last >= a.lastSeq()) {
            // written by a lost commit: JdbcEventStore answers success when the whole range is there
            boolean same = a.events().equals(log.subList((int) a.events().get(0).seq() - 1, (int) a.lastSeq()));
            return same ? null : new IllegalStateException("a different batch was written at these seqs");
        }
        if (a.events().get(0).seq() != last + 1) {
            violations.accept("table " + a.tableId() + " wrote seqs " + a.events().get(0).seq() + ".." + a.lastSeq()
                    + " where the log expects " + (last + 1));
            return new IllegalStateException("table " + a.tableId() + " expects seq " + (last + 1));
        }
        epochs.put(a.tableId(), a.epoch());
        log.addAll(a.events());
        for (StoredEvent e : a.events()) {
            if (e.event() instanceof TableEvent.PlayerLeft l) {
                accounts.credit(l.playerId(), l.chips());
            }
        }
        return null;
    }

    /** Answers {@code a} with an outage: nothing is written, the writer should retry. */
    void fail(Append a) {
        take(a);
        a.future().completeExceptionally(new StoreUnavailableException(new IOException("scripted outage")));
    }

    /** Another node took the table over at a newer epoch: every write at {@code epoch} or older is refused. */
    void fence(String tableId, long epoch) {
        epochs.merge(tableId, epoch + 1, Math::max);
    }

    /** The durable high-water mark of a table (0: nothing written). */
    /** The last sequence number the table heard is durable (a lost commit's events are durable but unheard). */
    long answeredSeq(String tableId) {
        return answered.getOrDefault(tableId, 0L);
    }

    long durableSeq(String tableId) {
        List<StoredEvent> log = logs.get(tableId);
        return log == null || log.isEmpty() ? 0 : log.get(log.size() - 1).seq();
    }

    /** The durable event {@code seq} of a table (its log starts at 1), or null when it is not durable. */
    StoredEvent event(String tableId, long seq) {
        List<StoredEvent> log = logs.getOrDefault(tableId, List.of());
        return seq >= 1 && seq <= log.size() ? log.get((int) seq - 1) : null;
    }

    /** The durable log of a table. */
    List<StoredEvent> log(String tableId) {
        return List.copyOf(logs.getOrDefault(tableId, List.of()));
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : logs.getOrDefault(tableId, List.of())) {
            if (e.seq() > afterSeq && out.size() < limit) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public boolean healthy() {
        return true;
    }

    private void take(Append a) {
        if (!pending.remove(a)) {
            throw new IllegalArgumentException("not a pending write: " + a);
        }
    }
}
