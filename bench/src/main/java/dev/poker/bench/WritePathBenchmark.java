package dev.poker.bench;

import dev.poker.engine.Action;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.server.store.Database;
import dev.poker.server.store.Durability;
import dev.poker.server.store.JdbcEventStore;
import dev.poker.server.store.JdbcTableCatalog;
import dev.poker.server.store.StoredEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The durable write path under load: {@code tables} tables each append a batch of {@code batch}
 * events, wait until it is durable, and append the next, as table actors do (one write in flight per
 * table). Reports durable events per second, the append latency (submit to durable) percentiles, and
 * the CPU time the store's writer threads spend per durable event (the cost of the commit path in
 * this JVM: statement building, binding and the driver; the database's own work is not in it).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.poker.bench.WritePathBenchmark JDBC_URL USER
 * PASSWORD [tables=200] [seconds=20] [batch=2] [writers=2]} (an empty URL uses embedded H2 in /tmp).
 *
 * <p>Concurrency: one thread per table drives its appends; the store's writer threads do the rest.
 */
public final class WritePathBenchmark {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "";
        String user = args.length > 1 ? args[1] : "";
        String password = args.length > 2 ? args[2] : "";
        int tables = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int writers = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        try (Database db = Database.open(url, user, password, "/tmp/poker-writebench-" + System.nanoTime(), 8,
                Durability.ENFORCED)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            JdbcEventStore store = new JdbcEventStore(db, writers, meters);
            JdbcTableCatalog catalog = new JdbcTableCatalog(db);
            String run = Long.toHexString(System.nanoTime());
            for (int t = 0; t < tables; t++) {
                catalog.register(run + "-" + t, "bench", TableConfig.cash(6, 1, 2), "bench", 1);
            }
            Recorder latency = new Recorder(3);
            AtomicLong events = new AtomicLong();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            CountDownLatch done = new CountDownLatch(tables);
            TableEvent action = new TableEvent.ActionTaken(2, Action.CALL, 100, 200, false, false);
            for (int t = 0; t < tables; t++) {
                String id = run + "-" + t;
                Thread th = new Thread(() -> {
                    long seq = 0;
                    try {
                        while (System.nanoTime() < end) {
                            StoredEvent[] b = new StoredEvent[batch];
                            for (int i = 0; i < batch; i++) {
                                b[i] = new StoredEvent(++seq, 1, System.currentTimeMillis(), action);
                            }
                            long start = System.nanoTime();
                            store.append(id, 1, List.of(b), List.of()).join();
                            long now = System.nanoTime();
                            if (start > warmupEnd) {
                                latency.recordValue((now - start) / 1_000);
                                events.addAndGet(batch);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
                th.setDaemon(true);
                th.start();
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime()));
            latency.reset();
            long writerCpuAtStart = writerCpuNanos();
            done.await();
            long writerCpu = writerCpuNanos() - writerCpuAtStart;
            var h = latency.getIntervalHistogram();
            System.out.printf("write path: %s, %d tables, batch %d, %d writer threads, %d s%n",
                    db.embedded() ? "H2 (embedded)" : "PostgreSQL", tables, batch, writers, seconds);
            System.out.printf("  %,.0f durable events/s, %,.0f appends/s%n", events.get() / (double) seconds,
                    h.getTotalCount() / (double) seconds);
            System.out.printf("  append latency (submit to durable): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
            System.out.printf("  writer threads' CPU: %.1f µs per durable event%n",
                    writerCpu / 1_000.0 / Math.max(1, events.get()));
            var commit = meters.get("poker.store.commit").timer();
            var tablesPerCommit = meters.get("poker.store.batch.tables").summary();
            System.out.printf("  commits: %,d, mean %.2f ms, max %.2f ms; tables per commit: mean %.1f, max %.0f%n",
                    commit.count(), commit.mean(TimeUnit.MILLISECONDS), commit.max(TimeUnit.MILLISECONDS),
                    tablesPerCommit.mean(), tablesPerCommit.max());
            store.close();
        }
    }

    /** CPU time so far of the store's writer threads (named poker-writer-*). */
    private static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("poker-writer-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }
}
