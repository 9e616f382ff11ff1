package dev.poker.server.table;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The pool a table's mailbox runs on, driven by the test: tasks wait in a queue until the test runs
 * them, on its own thread, so a run is reproducible from its seed.
 *
 * <p>Concurrency: test thread only.
 */
final class QueueExecutor implements Executor {
    private static final int MAX_TASKS = 100_000;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs tasks (and those they queue) until none is left. */
    void runAll() {
        for (int n = 0; !tasks.isEmpty(); n++) {
            if (n == MAX_TASKS) {
                throw new AssertionError("the mailbox never settles: more than " + MAX_TASKS + " tasks in a row");
            }
            tasks.poll().run();
        }
    }
}
