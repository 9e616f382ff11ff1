package dev.poker.load.gen;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency distribution, recorded in microseconds into an HdrHistogram {@link Recorder} (3 significant
 * digits, auto-resizing). {@link #tick()} takes the samples since the previous tick (the per-second
 * figures of the live progress and the timeline) and adds them to the run's total.
 *
 * <p>Coordinated omission: the callers record each value from the time the operation was <em>meant</em>
 * to start (an action's intended send time, a connection's slot in the arrival schedule), not from when
 * the load generator got round to it, so a stalled server or a stalled generator shows up in full.
 * {@link #recordWithExpectedInterval} is there for callers that only know a fixed schedule interval.
 *
 * <p>Concurrency: recording is wait-free from any thread; {@link #tick()} and {@link #total()} are for
 * one reader at a time (they synchronize among themselves).
 */
final class LatencyChannel {
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private Histogram interval;

    /** Records one value given in nanoseconds (negative values count as 0). */
    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /**
     * Records one value and, when it exceeds {@code expectedIntervalNanos}, the values the operations
     * scheduled during the stall would have seen (HdrHistogram's correction for coordinated omission).
     */
    void recordWithExpectedInterval(long nanos, long expectedIntervalNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        long interval = Math.max(0, TimeUnit.NANOSECONDS.toMicros(expectedIntervalNanos));
        recorder.recordValueWithExpectedInterval(micros, interval);
    }

    /** The samples since the previous tick (a new histogram), also added to the total. */
    synchronized Histogram tick() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval.copy();
    }

    /** Everything recorded up to the last tick. */
    synchronized Histogram total() {
        return total.copy();
    }
}
