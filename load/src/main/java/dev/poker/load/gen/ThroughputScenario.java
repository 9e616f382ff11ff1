package dev.poker.load.gen;

import org.HdrHistogram.Histogram;

/**
 * {@code throughput}: every player acts as soon as it is its turn (no think time unless {@code --think}
 * says otherwise). After the ramp and the warm-up the run is measured until {@code --duration}: sustained
 * player actions per second and the latency percentiles. Checks: p99 action latency under
 * {@code --slo-p99-ms} (200 ms) and error rate under {@code --slo-error-rate} (1%). Measuring begins once
 * the warm-up is over and 95% of the players are seated (at the latest half-way through the run).
 *
 * <p>Note that a table plays at most one hand at a time and pauses between hands (the node's
 * {@code POKER_HAND_DELAY_MS}, 2 s by default), so the actions per second grow with the number of tables.
 *
 * <p>Concurrency: the scenario's thread only.
 */
final class ThroughputScenario extends PlayerRun {
    private PlayMeter.Window measured;
    private boolean notSeated;

    ThroughputScenario(RunContext ctx) {
        super(ctx);
    }

    @Override
    void plan() {
        pool.rampTo(o.players(), o.ramp());
        long warmup = Math.max(1, (long) Math.ceil(o.warmup().toMillis() / 1000.0));
        phase = "warm-up";
        long latest = Math.max(warmup, o.duration().toSeconds() / 2);
        while (tick()) {
            boolean ready = pool.started() >= o.players() && pool.seated() >= 0.95 * o.players();
            if (measured == null && second >= warmup && (ready || second >= latest)) {
                if (!ready) {
                    notSeated = true;
                }
                measured = meter.open("measured");
                phase = "measure";
                ctx.say(String.format("measuring from second %d (%d of %d players seated)", second, pool.seated(),
                        o.players()));
            }
        }
    }

    @Override
    LoadReport report() {
        LoadReport r = baseReport("sustained actions per second and action latency, players acting at once");
        Histogram corrected;
        Histogram raw;
        double actionsPerSecond;
        double seconds;
        long actions;
        int seated;
        int tables;
        if (measured != null && measured.seconds > 0) {
            corrected = measured.corrected;
            raw = measured.raw;
            actionsPerSecond = measured.actionsPerSecond();
            seconds = measured.seconds;
            actions = measured.actions;
            seated = measured.minSeated;
            tables = measured.maxTables;
        } else {
            r.notes.add("the run ended before the warm-up and the ramp were over: figures cover the whole run");
            corrected = tap.corrected.total();
            raw = tap.raw.total();
            seconds = ctx.elapsedSeconds();
            actions = tap.actionsCompleted.sum();
            actionsPerSecond = actions / Math.max(1e-9, seconds);
            seated = pool.seated();
            tables = tap.tablesActive();
        }
        r.metric("players", "players", pool.started(), "");
        r.metric("seatedMin", "players seated (lowest while measured)", seated, "");
        r.metric("tables", "tables", tables, "");
        r.metric("measuredSeconds", "measured", round(seconds, 1), "s");
        r.metric("actions", "player actions measured", actions, "");
        r.metric("actionsPerSecond", "sustained throughput", round(actionsPerSecond, 2), "actions/s");
        r.metric("handsPlayed", "hands played (whole run)", pool.stats().handsPlayed(), "");
        r.metric("p50Ms", "p50 action latency", round(LoadReport.ms(corrected, 50), 3), "ms");
        r.metric("p99Ms", "p99 action latency", round(LoadReport.ms(corrected, 99), 3), "ms");
        r.metric("p999Ms", "p99.9 action latency", round(LoadReport.ms(corrected, 99.9), 3), "ms");
        r.metric("maxMs", "max action latency", round(LoadReport.maxMs(corrected), 3), "ms");
        r.metric("errorRate", "error rate (whole run)", round(100 * r.errorRate(), 3), "%");
        meter.fill(r, corrected, raw, measured != null ? " (measured part)" : " (whole run)");
        if (measured != null) {
            r.markers.add(new LoadReport.Marker(secondOfWindowStart(), "measuring"));
        }
        r.check("player actions completed", "> 0", Long.toString(actions), actions > 0);
        double p99 = LoadReport.ms(corrected, 99);
        r.check("p99 action latency", "< " + TextReport.format(o.sloP99Ms()) + " ms", String.format("%.2f ms", p99),
                corrected.getTotalCount() > 0 && p99 < o.sloP99Ms());
        errorCheck(r);
        if (notSeated) {
            r.notes.add("fewer than 95% of the players had a seat when the measurement began (half-way through the"
                    + " run); lower --ramp or --players, or lengthen --duration");
        }
        if (tap.autoActions.sum() > 0) {
            r.notes.add(tap.autoActions.sum() + " actions were made by the server's clock (a player too slow)");
        }
        return r;
    }

    private double secondOfWindowStart() {
        for (var row : meter.rows) {
            if ("measure".equals(row.get("phase"))) {
                return ((Number) row.get("t")).doubleValue() - 1;
            }
        }
        return 0;
    }
}
