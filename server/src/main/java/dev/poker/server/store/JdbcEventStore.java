package dev.poker.server.store;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.AuditCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.BatchBindStep;
import org.jooq.Record;
import org.jooq.impl.DSL;
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
 * {@code last_seq} and is not written twice.
 *
 * <p>Concurrency: thread-safe. Appends go through a queue to the writer threads; each table has at
 * most one append in flight (its actor waits for the answer), so order within a table is kept.
 */
public final class JdbcEventStore implements EventStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcEventStore.class);
    private static final int MAX_BATCH = 512;

    private final Database db;
    private final AuditCodec codec = new AuditCodec();
    private final BlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Thread pinger;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private final Timer commitTimer;
    private final Counter eventsCounter;
    private final DistributionSummary batchTables;

    /** One table's append; payloads are encoded by the caller, outside the transaction. */
    private record Append(String tableId, long epoch, List<StoredEvent> events, List<String> payloads,
            List<CompletedHand> hands, CompletableFuture<Void> done) {}

    public JdbcEventStore(Database db, int writerThreads, MeterRegistry metrics) {
        this.db = db;
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
        while (running) {
            try {
                Append first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
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

    private void write(List<Append> batch) {
        long start = System.nanoTime();
        // lock rows in one order so two writers never deadlock
        batch.sort(Comparator.comparing(Append::tableId));
        Map<Append, RuntimeException> refused = new LinkedHashMap<>();
        try {
            db.dsl().transaction(cfg -> {
                refused.clear();
                DSLContext tx = DSL.using(cfg);
                List<Append> accepted = new ArrayList<>(batch.size());
                int[] changed = claimRanges(tx, batch);
                for (int i = 0; i < batch.size(); i++) {
                    Append a = batch.get(i);
                    RuntimeException why = changed[i] == 1 ? null : whyNot(tx, a);
                    if (why == null) {
                        accepted.add(a);
                    } else if (!(why instanceof AlreadyWritten)) {
                        refused.put(a, why);
                    }
                }
                insertEvents(tx, accepted);
                postEffects(tx, accepted);
                insertHands(tx, accepted);
            });
        } catch (RuntimeException | Error e) {
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

    /** A batch that a lost commit already wrote: nothing to do, and it succeeded. */
    private static final class AlreadyWritten extends RuntimeException {
        AlreadyWritten() {
            super(null, null, false, false);
        }
    }

    /**
     * Moves each table's last_seq over its batch if the epoch and the sequence still match, all in one
     * round trip; returns the rows changed per append (1 = the append may be written).
     */
    private int[] claimRanges(DSLContext tx, List<Append> batch) {
        BatchBindStep update = tx.batch(tx.query("UPDATE poker_tables SET last_seq = ? WHERE table_id = ? AND epoch = ?"
                + " AND last_seq = ?", null, null, null, null));
        for (Append a : batch) {
            long first = a.events().get(0).seq();
            long last = a.events().get(a.events().size() - 1).seq();
            update.bind(last, a.tableId(), a.epoch(), first - 1);
        }
        return update.execute();
    }

    /** Why an append's range could not be claimed: fenced, already written, or out of sequence. */
    private RuntimeException whyNot(DSLContext tx, Append a) {
        long first = a.events().get(0).seq();
        long last = a.events().get(a.events().size() - 1).seq();
        Record row = tx.fetchOne("SELECT epoch, last_seq FROM poker_tables WHERE table_id = ?", a.tableId());
        if (row == null) {
            return new IllegalStateException("table " + a.tableId() + " is not in the database");
        }
        long epoch = row.get(0, Long.class);
        long lastSeq = row.get(1, Long.class);
        if (epoch != a.epoch()) {
            return new FencedException(a.tableId(), a.epoch());
        }
        if (lastSeq >= last) {
            return new AlreadyWritten();
        }
        return new IllegalStateException("table " + a.tableId() + " expects seq " + (lastSeq + 1) + ", got " + first);
    }

    private void insertEvents(DSLContext tx, List<Append> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        BatchBindStep insert = tx.batch(tx.query("INSERT INTO table_events (table_id, seq, epoch, hand, at_ms, kind,"
                + " payload, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", null, null, null, null, null, null, null, null));
        for (Append a : accepted) {
            for (int i = 0; i < a.events().size(); i++) {
                StoredEvent e = a.events().get(i);
                insert.bind(a.tableId(), e.seq(), a.epoch(), e.hand(), e.at(), AuditCodec.kind(e.event()),
                        a.payloads().get(i), e.ref());
            }
        }
        insert.execute();
    }

    /** Cash-outs credit players and rake goes to the rake account, in the same transaction as the events. */
    private void postEffects(DSLContext tx, List<Append> accepted) {
        for (Append a : accepted) {
            String table = Ledger.table(a.tableId());
            for (StoredEvent e : a.events()) {
                TableEvent ev = e.event();
                String ref = a.tableId() + ":" + e.seq();
                if (ev instanceof TableEvent.PlayerLeft l && l.chips() > 0) {
                    Ledger.post(tx, ref, "cash_out", a.tableId(), ref,
                            Map.of(table, -l.chips(), Ledger.player(l.playerId()), l.chips()));
                } else if (ev instanceof TableEvent.PotAwarded p && p.rake() > 0) {
                    Ledger.post(tx, ref, "rake", a.tableId(), ref, Map.of(table, -p.rake(), Ledger.RAKE, p.rake()));
                }
            }
        }
    }

    private void insertHands(DSLContext tx, List<Append> accepted) {
        BatchBindStep hands = null;
        BatchBindStep players = null;
        for (Append a : accepted) {
            for (CompletedHand h : a.hands()) {
                if (hands == null) {
                    hands = tx.batch(tx.query("INSERT INTO hands (hand_id, table_id, hand_number, first_seq, last_seq,"
                            + " started_at, ended_at, players, pot, rake, board, phh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?)", null, null, null, null, null, null, null, null, null, null, null, null));
                    players = tx.batch(tx.query("INSERT INTO hand_players (hand_id, account_id, seat, net, ended_at)"
                            + " VALUES (?, ?, ?, ?, ?)", null, null, null, null, null));
                }
                hands.bind(h.handId(), h.tableId(), h.handNumber(), h.firstSeq(), h.lastSeq(), h.startedAt(),
                        h.endedAt(), h.players().size(), h.pot(), h.rake(), h.board(), h.phh());
                for (CompletedHand.Participant p : h.players()) {
                    players.bind(h.handId(), p.accountId(), p.seat(), p.net(), h.endedAt());
                }
            }
        }
        if (hands != null) {
            hands.execute();
            players.execute();
        }
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT seq, hand, at_ms, kind, payload, ref FROM table_events"
                + " WHERE table_id = ? AND seq > ? ORDER BY seq LIMIT ?", tableId, afterSeq, limit)) {
            out.add(new StoredEvent(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class),
                    codec.event(r.get(3, String.class), r.get(4, String.class)), r.get(5, String.class)));
        }
        return out;
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    private void pingLoop() {
        while (running) {
            try {
                Thread.sleep(healthy ? 2_000 : 500);
                db.dsl().fetchOne("SELECT 1");
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
