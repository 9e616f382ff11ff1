package dev.poker.load.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second view of a run with simulated players (capacity, throughput, failover): takes the
 * latency samples of the last second from the {@link TrafficTap}, counts actions, requests and errors,
 * adds a timeline row, and feeds the open measurement {@link Window}s (a capacity step, the measured part
 * of a throughput run).
 *
 * <p>Errors are the server's error answers and the bots' local failures (failed connects, requests with no
 * answer, lost connections, sequence gaps, actions the server's clock made for a bot: see {@code Bot}),
 * plus action events that did not reach every player within 5 s. Requests are frames sent plus connection
 * attempts.
 *
 * <p>Concurrency: used by the scenario's thread only.
 */
final class PlayMeter {
    static final List<LoadReport.Column> COLUMNS = List.of(new LoadReport.Column("t", "second"),
            new LoadReport.Column("phase", "phase"), new LoadReport.Column("players", "players started"),
            new LoadReport.Column("seated", "players seated"), new LoadReport.Column("connections", "connections open"),
            new LoadReport.Column("tables", "tables"), new LoadReport.Column("actionsPerSecond", "actions/s"),
            new LoadReport.Column("p50Ms", "p50 ms"), new LoadReport.Column("p99Ms", "p99 ms"),
            new LoadReport.Column("maxMs", "max ms"), new LoadReport.Column("rawP99Ms", "p99 ms (raw)"),
            new LoadReport.Column("errors", "errors"));

    /** Figures over a span of whole seconds. */
    static final class Window {
        final String name;
        final Histogram corrected = new Histogram(3);
        final Histogram raw = new Histogram(3);
        long actions;
        long errors;
        long requests;
        double seconds;
        int minSeated = Integer.MAX_VALUE;
        int maxTables;
        boolean open = true;

        Window(String name) {
            this.name = name;
        }

        double actionsPerSecond() {
            return seconds <= 0 ? 0 : actions / seconds;
        }

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    private final TrafficTap tap;
    private final PlayerPool pool;
    final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();
    private long lastNanos = System.nanoTime();
    private long lastActions;
    private long lastErrors;
    private long lastRequests;

    PlayMeter(TrafficTap tap, PlayerPool pool) {
        this.tap = tap;
        this.pool = pool;
    }

    Window open(String name) {
        Window w = new Window(name);
        windows.add(w);
        return w;
    }

    void close(Window w) {
        w.open = false;
        windows.remove(w);
    }

    long errorsTotal() {
        return pool.stats().errors() + tap.undelivered.sum();
    }

    long requestsTotal() {
        return tap.framesSent.sum() + tap.connectAttempts.sum();
    }

    Map<String, Long> errorsByCode() {
        Map<String, Long> m = new java.util.TreeMap<>(pool.stats().errorsByCode());
        long undelivered = tap.undelivered.sum();
        if (undelivered > 0) {
            m.put("ACTION_NOT_DELIVERED", undelivered);
        }
        return m;
    }

    /** Takes the last second's figures; returns the timeline row (also kept in {@link #rows}). */
    Map<String, Object> sample(double t, String phase) {
        long now = System.nanoTime();
        tap.sweep(now);
        Histogram c = tap.corrected.tick();
        Histogram r = tap.raw.tick();
        double dt = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        long actions = tap.actionsCompleted.sum();
        long errors = errorsTotal();
        long requests = requestsTotal();
        long dActions = actions - lastActions;
        long dErrors = errors - lastErrors;
        long dRequests = requests - lastRequests;
        lastActions = actions;
        lastErrors = errors;
        lastRequests = requests;
        int seated = pool.seated();
        int tables = tap.tablesActive();
        for (Window w : windows) {
            w.corrected.add(c);
            w.raw.add(r);
            w.actions += dActions;
            w.errors += dErrors;
            w.requests += dRequests;
            w.seconds += dt;
            w.minSeated = Math.min(w.minSeated, seated);
            w.maxTables = Math.max(w.maxTables, tables);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("t", Math.round(t * 10) / 10.0);
        row.put("phase", phase);
        row.put("players", pool.started());
        row.put("seated", seated);
        row.put("connections", tap.connectionsOpen());
        row.put("tables", tables);
        row.put("actionsPerSecond", dActions / dt);
        row.put("p50Ms", c.getTotalCount() == 0 ? null : LoadReport.ms(c, 50));
        row.put("p99Ms", c.getTotalCount() == 0 ? null : LoadReport.ms(c, 99));
        row.put("maxMs", c.getTotalCount() == 0 ? null : LoadReport.maxMs(c));
        row.put("rawP99Ms", r.getTotalCount() == 0 ? null : LoadReport.ms(r, 99));
        row.put("errors", dErrors);
        rows.add(row);
        return row;
    }

    /** One progress line for a timeline row. */
    String progressLine(Map<String, Object> row) {
        long errors = errorsTotal();
        long requests = requestsTotal();
        return String.format(Locale.ROOT,
                "[%5.0fs] %-10s players %d seated %d tables %d conns %d | %.1f actions/s | p50 %s p99 %s max %s ms"
                        + " | errors %d (%s)",
                ((Number) row.get("t")).doubleValue(), row.get("phase"), row.get("players"), row.get("seated"),
                row.get("tables"), row.get("connections"), ((Number) row.get("actionsPerSecond")).doubleValue(),
                fmt(row.get("p50Ms")), fmt(row.get("p99Ms")), fmt(row.get("maxMs")), errors,
                RunContext.pct(requests == 0 ? 0 : (double) errors / requests));
    }

    private static String fmt(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
    }

    /** Puts the timeline, the standard charts, the action-latency distributions and the errors into {@code r}. */
    void fill(LoadReport r, Histogram corrected, Histogram raw, String scope) {
        r.timelineColumns.addAll(COLUMNS);
        r.timeline.addAll(rows);
        r.charts.add(new LoadReport.Chart("Throughput: player actions completed per second", "actions/s",
                List.of("actionsPerSecond")));
        r.charts.add(new LoadReport.Chart("Action latency per second (corrected)", "ms",
                List.of("p50Ms", "p99Ms", "maxMs")));
        r.charts.add(new LoadReport.Chart("Players, connections and tables", "count",
                List.of("players", "seated", "connections", "tables")));
        r.distributions.add(new LoadReport.Distribution("actionCorrected", "action, corrected", "action latency" + scope,
                "from the intended send time (your_turn received + think time) until every player at the table"
                        + " has the action event",
                corrected));
        r.distributions.add(new LoadReport.Distribution("actionRaw", "action, raw", "action latency" + scope,
                "from the moment the act frame was handed to the socket until every player at the table has the"
                        + " action event (not corrected for coordinated omission)",
                raw));
        r.errorsByCode.putAll(errorsByCode());
    }
}
