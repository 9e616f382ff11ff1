package dev.poker.server.time;

/**
 * Time for the node: the current time and delayed tasks. Production uses {@link SystemScheduler}; tests
 * use a manual one whose clock they advance.
 */
public interface Scheduler {
    /** Epoch milliseconds. */
    long nowMillis();

    /** Runs {@code task} after {@code delayMillis}; the task must only hand work off (it runs on a timer thread). */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
