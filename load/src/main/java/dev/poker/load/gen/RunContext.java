package dev.poker.load.gen;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What every scenario shares: the options, the run's clock and hard deadline ({@code --duration}),
 * the stop signal (Ctrl-C), and the progress output.
 *
 * <p>Concurrency: the scenario's thread drives it; {@link #stop()} may come from any thread.
 */
final class RunContext {
    final LoadOptions options;
    final PrintStream out;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final long deadlineNanos;
    final String runTag;
    private final CountDownLatch stop = new CountDownLatch(1);

    RunContext(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.deadlineNanos = startNanos + options.duration().toNanos();
        this.runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    }

    /** Asks the run to end early (Ctrl-C); the scenario still writes its report. */
    void stop() {
        stop.countDown();
    }

    boolean stopped() {
        return stop.getCount() == 0;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Sleeps until second {@code n} of the run. False when the run was stopped or the deadline comes first
     * (it then returns at the deadline).
     */
    boolean awaitSecond(long n) {
        long at = startNanos + TimeUnit.SECONDS.toNanos(n);
        long until = Math.min(at, deadlineNanos);
        try {
            long wait = until - System.nanoTime();
            if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopped() && at - deadlineNanos <= 0;
    }

    /** Prints a progress line when {@code second} is a multiple of {@code --progress}. */
    void progress(long second, String line) {
        int every = options.progressSeconds();
        if (every > 0 && second % every == 0) {
            out.println(line);
            out.flush();
        }
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    static String pct(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }
}
