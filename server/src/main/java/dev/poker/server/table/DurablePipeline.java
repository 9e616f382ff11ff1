package dev.poker.server.table;

import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.DivergedException;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.FencedException;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.time.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's durable write path: sequence numbers, the one write in flight, retry and pause, and what
 * runs once events are durable. Batches submitted while a write is in flight go in the next write,
 * together. If the store fails, the pipeline pauses and writes the same events again until they are
 * durable: after 50 ms, then every {@value #MAX_RETRY_MS} ms at most (each attempt probes the database, so
 * the table resumes within that of the database answering again), logging at least every
 * {@value #PAUSED_LOG_MS} ms while it stays paused; if the store refuses the write as fenced, the table must stop; if it
 * refuses it because the log does not continue where this copy's memory does, the copy has diverged
 * from the log and must be rebuilt from it.
 *
 * <p>Concurrency: confined to the table's mailbox; the store's answers are handed back to it.
 */
final class DurablePipeline {
    private static final Logger log = LoggerFactory.getLogger(DurablePipeline.class);
    static final long MAX_RETRY_MS = 250;
    static final long PAUSED_LOG_MS = 30_000;

    /** A batch not yet durable, with what to do once it is. */
    record Pending(TableBatch batch, List<Runnable> afterDurable, long receivedNanos, List<CompletedHand> hands) {}

    /** What the table does when the pipeline's state changes (on the mailbox). */
    interface Listener {
        /** A write succeeded; its batches are published next (arm what must run before anyone sees them). */
        void writeSucceeded();

        /** {@code p} is durable: everyone may see it now. */
        void durable(Pending p);

        /** The store failed: the table pauses (the first failure of an outage only). */
        void paused(Throwable cause);

        /** Every write in flight is durable (after {@link #durable} of each); {@code resumed}: after a pause. */
        void settled(boolean resumed);

        /** The store refused the write: another node owns the table now. */
        void fenced();

        /** The store refused the write: the log does not continue where the table's memory does. */
        void diverged(DivergedException cause);
    }

    private final String tableId;
    private final long epoch;
    private final EventStore store;
    private final Executor mailbox;
    private final Scheduler scheduler;
    private final Listener listener;
    private long seq;
    private long durableSeq;
    private final ArrayDeque<Pending> unwritten = new ArrayDeque<>();
    private List<Pending> writing = List.of();
    private final TreeMap<Long, List<Runnable>> whenDurable = new TreeMap<>();
    private Scheduler.Cancellable retryTimer;
    private long retryDelayMs = 50;
    private boolean paused;
    private long pausedAtMs;
    private long pauseLoggedAtMs;
    private String pauseCause = "";
    private boolean stopped;

    DurablePipeline(String tableId, long epoch, long lastSeq, EventStore store, Executor mailbox, Scheduler scheduler,
            Listener listener) {
        this.tableId = tableId;
        this.epoch = epoch;
        this.store = store;
        this.mailbox = mailbox;
        this.scheduler = scheduler;
        this.listener = listener;
        this.seq = lastSeq;
        this.durableSeq = lastSeq;
    }

    /** The last sequence number handed out. */
    long seq() {
        return seq;
    }

    long nextSeq() {
        return ++seq;
    }

    boolean paused() {
        return paused;
    }

    /** When the current pause began (scheduler time; meaningful while {@link #paused}). */
    long pausedAtMs() {
        return pausedAtMs;
    }

    /** Why the table is paused (the store's last error). */
    String pauseCause() {
        return pauseCause;
    }

    /** Whether events are waiting to be written or being written. */
    boolean busy() {
        return !writing.isEmpty() || !unwritten.isEmpty();
    }

    void submit(Pending p) {
        unwritten.add(p);
        writeNext();
    }

    /** Runs {@code r} once everything up to {@code atSeq} is durable (at once if it is). */
    void whenDurable(long atSeq, Runnable r) {
        if (durableSeq >= atSeq) {
            r.run();
        } else {
            whenDurable.computeIfAbsent(atSeq, s -> new ArrayList<>()).add(r);
        }
    }

    /** Batches accepted but not yet durable, in order (for a catch-up answered once they are). */
    List<TableBatch> notYetDurable() {
        List<TableBatch> out = new ArrayList<>(writing.size() + unwritten.size());
        writing.forEach(p -> out.add(p.batch()));
        unwritten.forEach(p -> out.add(p.batch()));
        return out;
    }

    /** No more writes: what is in flight is abandoned (the table stops here). */
    void stop() {
        stopped = true;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
    }

    private void writeNext() {
        if (paused || stopped || !writing.isEmpty() || unwritten.isEmpty()) {
            return;
        }
        List<Pending> next = new ArrayList<>(unwritten);
        unwritten.clear();
        send(next);
    }

    private void send(List<Pending> batches) {
        writing = batches;
        List<StoredEvent> events = new ArrayList<>();
        List<CompletedHand> hands = new ArrayList<>();
        for (Pending p : batches) {
            events.addAll(p.batch().events());
            hands.addAll(p.hands());
        }
        store.append(tableId, epoch, events, hands).whenComplete((ok, error) -> mailbox.execute(() -> written(error)));
    }

    private void written(Throwable error) {
        if (stopped) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof FencedException) {
            log.warn("table {}: write refused, another node owns it now (epoch {} is stale)", tableId, epoch);
            listener.fenced();
            return;
        }
        if (cause instanceof DivergedException d) {
            listener.diverged(d);
            return;
        }
        if (cause != null) {
            long now = scheduler.nowMillis();
            pauseCause = "store unavailable: " + (cause.getCause() != null ? cause.getCause() : cause);
            if (!paused) {
                log.warn("table {}: store unavailable, pausing: {}", tableId, cause.toString());
                paused = true;
                pausedAtMs = now;
                pauseLoggedAtMs = now;
                listener.paused(cause);
            } else if (now - pauseLoggedAtMs >= PAUSED_LOG_MS) {
                pauseLoggedAtMs = now;
                log.warn("table {}: still paused after {} s, {} events waiting; {}", tableId, (now - pausedAtMs) / 1000,
                        writing.stream().mapToInt(p -> p.batch().events().size()).sum(), pauseCause);
            }
            retryTimer = scheduler.schedule(retryDelayMs, () -> mailbox.execute(this::retry));
            retryDelayMs = Math.min(MAX_RETRY_MS, retryDelayMs * 2);
            return;
        }
        List<Pending> done = writing;
        writing = List.of();
        retryDelayMs = 50;
        boolean resumed = paused;
        paused = false;
        listener.writeSucceeded();
        for (Pending p : done) {
            durableSeq = p.batch().lastSeq();
            listener.durable(p);
            runWhenDurable();
        }
        if (resumed) {
            log.info("table {}: store is back, resuming after {} ms", tableId, scheduler.nowMillis() - pausedAtMs);
        }
        writeNext();
        listener.settled(resumed);
    }

    private void runWhenDurable() {
        Iterator<Map.Entry<Long, List<Runnable>>> it = whenDurable.headMap(durableSeq, true).entrySet().iterator();
        while (it.hasNext()) {
            it.next().getValue().forEach(Runnable::run);
            it.remove();
        }
    }

    /**
     * Writes exactly the failed write again (still paused until it is durable): a commit that succeeded
     * but whose answer was lost is then a repeat the store answers as a success. Batches accepted
     * meanwhile follow in the next write; merged into this one, they would make a repeat that starts
     * inside the log and that the store must refuse.
     */
    private void retry() {
        if (stopped || !paused) {
            return;
        }
        send(writing);
    }
}
