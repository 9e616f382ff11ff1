package dev.poker.server.table;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import dev.poker.server.logging.LogKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's mailbox: tasks from any thread run one at a time, in order, on a shared pool. After a
 * batch of tasks the mailbox yields the thread so one busy table cannot starve the others.
 *
 * <p>Concurrency: {@link #execute} is thread-safe; the tasks never run concurrently with each other, and
 * each task sees the effects of the ones before it (the queue and the counter publish them).
 */
public final class Mailbox implements Executor {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
    private static final int BATCH = 64;

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor pool;
    private final String name;
    private volatile Runnable tag = () -> {};

    public Mailbox(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /** Runs {@code tag} on the pool thread before each task (it puts the table into the log context). */
    public void logAs(Runnable tag) {
        this.tag = tag;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (int done = 1; ; done++) {
                Runnable task = queue.poll();
                try {
                    tag.run();
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("task of {} failed", name, e);
                }
                if (pending.decrementAndGet() == 0) {
                    return;
                }
                if (done == BATCH) {
                    pool.execute(this::drain); // still owned by this mailbox: pending > 0, so nobody else schedules
                    return;
                }
            }
        } finally {
            LogKeys.noTable();
        }
    }
}
