package dev.poker.server;

import dev.poker.server.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Time that only moves when the test says so: {@link #advance} runs every task that falls due.
 *
 * <p>Concurrency: thread-safe (synchronized); tasks run on the thread calling {@link #advance}.
 */
public final class ManualScheduler implements Scheduler {
    private long now;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();

    private final class Task implements Comparable<Task>, Cancellable {
        final long at;
        final long order = sequence++;
        final Runnable run;
        volatile boolean cancelled;

        Task(long at, Runnable run) {
            this.at = at;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualScheduler(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running due tasks in order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.at);
            }
            if (!next.cancelled) {
                next.run.run();
            }
        }
    }

    /** Tasks waiting (not cancelled). */
    public synchronized List<Long> pending() {
        List<Long> out = new ArrayList<>();
        for (Task t : tasks) {
            if (!t.cancelled) {
                out.add(t.at);
            }
        }
        return out;
    }
}
