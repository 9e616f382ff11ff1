package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.TABLE_EVENTS;

import dev.poker.protocol.AuditCodec;
import dev.poker.server.store.GroupCommit.Append;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in PostgreSQL or H2, written with group commit: writer threads take every append
 * that is waiting and write them in one transaction, so a commit carries the events of many tables
 * and throughput grows with load while an idle node commits at once.
 *
 * <p>Fencing is done by the database: a table's events are written only if
 * {@code UPDATE poker_tables SET last_seq = new WHERE table_id = t AND epoch = e AND last_seq = old}
 * changed a row in the same transaction. A stale epoch changes nothing and the append fails with
 * {@link FencedException}; the row lock also orders a write against a takeover. A batch whose commit
 * was lost in transit (the database committed, the answer never came) is recognised on retry by
 * {@code last_seq} and is not written twice. {@link GroupCommit} writes one group (plain JDBC batches
 * for the statements of every action, measured faster there; see its javadoc).
 *
 * <p>Concurrency: thread-safe. Appends go through a queue to the writer threads; each table has at
 * most one append in flight (its actor waits for the answer), so order within a table is kept.
 */
public final class JdbcEventStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcEventStore.class);
    private static final int MAX_BATCH = 512;

    private final Database db;
    private final GroupCommit groupCommit;
    private final AuditCodec codec = new AuditCodec();
    private final BlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Thread pinger;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private final Timer commitTimer;
    private final Counter eventsCounter;
    private final DistributionSummary batchTables;

    public JdbcEventStore(Database db, int writerThreads, MeterRegistry metrics) {
        this.db = db;
        this.groupCommit = new GroupCommit(db);
        this.commitTimer = Timer.builder("poker.store.commit").description("Audit-log commit latency")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(metrics);
        this.eventsCounter = Counter.builder("poker.store.events").description("Events made durable")
                .register(metrics);
        this.batchTables = DistributionSummary.builder("poker.store.batch.tables")
                .description("Tables per group commit").register(metrics);
        for (int i = 0; i < writerThreads; i++) {
            Thread t = new Thread(this::writeLoop, "poker-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
        pinger = new Thread(this::pingLoop, "poker-db-ping");
        pinger.setDaemon(true);
        pinger.start();
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
            List<CompletedHand> hands) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the store is closed"));
        } else {
            List<String> payloads = new ArrayList<>(events.size());
            for (StoredEvent e : events) {
                payloads.add(codec.payload(e.event()));
            }
            queue.add(new Append(tableId, epoch, events, payloads, hands, done));
        }
        return done;
    }

    private void writeLoop() {
        List<Append> batch = new ArrayList<>();
        WriterConnection connection = new WriterConnection(db);
        try {
            writeLoop(batch, connection);
        } finally {
            connection.close();
        }
    }

    private void writeLoop(List<Append> batch, WriterConnection connection) {
        while (running) {
            try {
                Append first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch, connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // write() answers every append itself; nothing may stop this thread but a VM error
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                log.error("audit log writer: unexpected failure, continuing", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Append> batch, WriterConnection connection) {
        long start = System.nanoTime();
        Map<Append, RuntimeException> refused;
        try {
            refused = groupCommit.write(connection.dsl(), batch);
        } catch (RuntimeException | Error | java.sql.SQLException e) {
            connection.broken();
            // an Error too: the PostgreSQL driver throws AssertionError when a connection dies mid-batch,
            // and every append of this batch must still get its answer
            if (healthy) {
                log.warn("audit log write failed ({} tables): {}", batch.size(), e.toString());
            }
            healthy = false;
            for (Append a : batch) {
                a.done().completeExceptionally(new StoreUnavailableException(e));
            }
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        healthy = true;
        commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        batchTables.record(batch.size());
        for (Append a : batch) {
            RuntimeException why = refused.get(a);
            if (why != null) {
                a.done().completeExceptionally(why);
            } else {
                eventsCounter.increment(a.events().size());
                a.done().complete(null);
            }
        }
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        return db.dsl().select(TABLE_EVENTS.SEQ, TABLE_EVENTS.HAND, TABLE_EVENTS.AT_MS, TABLE_EVENTS.KIND,
                        TABLE_EVENTS.PAYLOAD, TABLE_EVENTS.REF)
                .from(TABLE_EVENTS).where(TABLE_EVENTS.TABLE_ID.eq(tableId), TABLE_EVENTS.SEQ.gt(afterSeq))
                .orderBy(TABLE_EVENTS.SEQ).limit(limit)
                .fetch(r -> new StoredEvent(r.value1(), r.value2(), r.value3(), codec.event(r.value4(), r.value5()),
                        r.value6()));
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    /**
     * Checks the database every 2 s, every 200 ms while it is down, on a connection of its own (not the
     * pool's, whose reconnects back off): {@code /health} says the store is back as soon as it is.
     */
    private void pingLoop() {
        while (running) {
            try {
                Thread.sleep(healthy ? 2_000 : 200);
                try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                } catch (java.sql.SQLException e) {
                    throw new StoreUnavailableException(e);
                }
                if (!healthy) {
                    log.info("the database answers again");
                }
                healthy = true;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                healthy = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pinger.interrupt();
        Append left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the store is closed"));
        }
    }
}
