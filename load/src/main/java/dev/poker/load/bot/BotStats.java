package dev.poker.load.bot;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the action-latency histogram of one bot or of a whole fleet (bots of a fleet share one
 * instance). Latency is the time from sending an {@code act} to receiving the {@code action} event for
 * the bot's seat, recorded in microseconds into an HdrHistogram {@link Recorder}.
 *
 * <p>Concurrency: thread-safe; recording is lock-free. {@link #report()} is meant for one reader (it
 * takes the interval histogram since the previous report).
 */
public final class BotStats {
    final AtomicInteger connectionsOpen = new AtomicInteger();
    final AtomicInteger seated = new AtomicInteger();
    final LongAdder botsStarted = new LongAdder();
    final LongAdder botsFailed = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder tablesCreated = new LongAdder();
    final LongAdder handsSeen = new LongAdder();
    final LongAdder handsPlayed = new LongAdder();
    final LongAdder actionsSent = new LongAdder();
    final LongAdder actionRetries = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder topUps = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(3);

    private final long startNanos = System.nanoTime();
    private Histogram intervalHistogram;
    private final Histogram total = new Histogram(3);
    private long lastReportNanos = startNanos;
    private long lastActions;

    /** Counts an error by its code (server error codes, and local ones: TIMEOUT, SEQ_GAP, ...). */
    public void error(String code) {
        errors.increment();
        errorsByCode.computeIfAbsent(code == null ? "UNKNOWN" : code, k -> new LongAdder()).increment();
    }

    /** Records one action's latency. */
    public void recordActionLatency(long nanos) {
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    public int connectionsOpen() {
        return connectionsOpen.get();
    }

    public int seated() {
        return seated.get();
    }

    public long actionsSent() {
        return actionsSent.sum();
    }

    public long acks() {
        return acks.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Hands the bots were dealt into (a hand with three bots counts three times). */
    public long handsSeen() {
        return handsSeen.sum();
    }

    /**
     * Distinct hands: each hand is counted by the bot in the lowest dealt-in seat (exact when every player
     * at the table is a bot of this fleet, an undercount otherwise).
     */
    public long handsPlayed() {
        return handsPlayed.sum();
    }

    public Map<String, Long> errorsByCode() {
        Map<String, Long> out = new TreeMap<>();
        errorsByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
        static Latency of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /**
     * Everything at one instant. {@code actionsPerSecond} and {@code interval} cover the time since the
     * previous report; {@code total} covers the whole run.
     */
    public record Report(Duration elapsed, int connectionsOpen, int seated, long botsStarted, long botsFailed,
            long connects, long reconnects, long tablesCreated, long handsPlayed, long handsSeen, long actionsSent,
            long actionRetries, long acks, long topUps, double actionsPerSecond, Latency interval, Latency total,
            long errors, Map<String, Long> errorsByCode) {}

    /** A report; the interval part runs from the previous call. */
    public synchronized Report report() {
        long now = System.nanoTime();
        intervalHistogram = latency.getIntervalHistogram(intervalHistogram);
        total.add(intervalHistogram);
        long actions = actionsSent.sum();
        double seconds = Math.max(1e-9, (now - lastReportNanos) / 1e9);
        double rate = (actions - lastActions) / seconds;
        lastActions = actions;
        lastReportNanos = now;
        return new Report(Duration.ofNanos(now - startNanos), connectionsOpen.get(), seated.get(), botsStarted.sum(),
                botsFailed.sum(), connects.sum(), reconnects.sum(), tablesCreated.sum(), handsPlayed.sum(),
                handsSeen.sum(), actions, actionRetries.sum(), acks.sum(), topUps.sum(), rate,
                Latency.of(intervalHistogram), Latency.of(total), errors.sum(), errorsByCode());
    }
}
