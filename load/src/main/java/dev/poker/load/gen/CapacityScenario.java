package dev.poker.load.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code capacity}: how many concurrent players (and tables) a node holds at human pace with p99 action
 * latency under the goal ({@code --goal-p99-ms}, 50 ms). Players think 2 to 4 s before each action. They
 * are added {@code --step} at a time; after each ramp the step settles (until 95% of the players are
 * seated, at least 3 s) and is then measured for {@code --step-duration}. A step meets the goal when its
 * p99 is under the goal, its error rate under {@code --slo-error-rate} and at least 95% of its players
 * stayed seated. The run stops at the first step that misses, at {@code --players}, or at
 * {@code --duration}; the answer is the highest step that met the goal.
 *
 * <p>Concurrency: the scenario's thread only.
 */
final class CapacityScenario extends PlayerRun {
    /** One measured step. */
    record Step(int number, int players, int seatedMin, int tables, double seconds, double actionsPerSecond,
            double p50Ms, double p99Ms, double p999Ms, double maxMs, long samples, double errorRate, boolean complete,
            boolean met) {}

    final List<Step> steps = new ArrayList<>();
    private final List<PlayMeter.Window> windows = new ArrayList<>();

    CapacityScenario(RunContext ctx) {
        super(ctx);
    }

    @Override
    void plan() {
        int target = 0;
        int number = 0;
        long stepSeconds = Math.max(2, Math.round(o.stepDuration().toMillis() / 1000.0));
        while (true) {
            number++;
            target = Math.min(o.players(), target + o.step());
            phase = "ramp " + number;
            pool.rampTo(target, o.ramp());
            long settleStart = second;
            long settleMax = Math.max(15, (long) Math.ceil(o.step() / o.ramp()) + 15);
            boolean settled = false;
            while (tick()) {
                long waited = second - settleStart;
                if (waited >= 3 && pool.started() >= target && pool.seated() >= 0.95 * target) {
                    settled = true;
                    break;
                }
                if (waited >= settleMax) {
                    settled = true;
                    ctx.say(String.format(Locale.ROOT, "step %d: only %d of %d players seated after %d s; measuring"
                            + " anyway", number, pool.seated(), target, waited));
                    break;
                }
            }
            if (!settled) {
                return; // out of time (or stopped) before this step could be measured
            }
            phase = "step " + number;
            PlayMeter.Window w = meter.open(phase);
            windows.add(w);
            long measureStart = second;
            boolean complete = true;
            while (second - measureStart < stepSeconds) {
                if (!tick()) {
                    complete = false;
                    break;
                }
            }
            meter.close(w);
            Step s = evaluate(number, target, w, complete || w.seconds >= stepSeconds / 2.0);
            steps.add(s);
            ctx.say(String.format(Locale.ROOT,
                    "step %d: %d players, %d tables, %.1f actions/s, p99 %.2f ms, errors %s -> %s", number, target,
                    s.tables(), s.actionsPerSecond(), s.p99Ms(), RunContext.pct(s.errorRate()),
                    s.met() ? "meets the goal" : "misses the goal (" + TextReport.format(o.goalP99Ms()) + " ms)"));
            if (!s.met() || !complete || target >= o.players()) {
                return;
            }
        }
    }

    private Step evaluate(int number, int target, PlayMeter.Window w, boolean longEnough) {
        double p99 = LoadReport.ms(w.corrected, 99);
        boolean met = longEnough && w.corrected.getTotalCount() > 0 && p99 < o.goalP99Ms()
                && w.errorRate() <= o.sloErrorRate() && w.minSeated >= 0.95 * target;
        return new Step(number, target, w.minSeated == Integer.MAX_VALUE ? 0 : w.minSeated, w.maxTables,
                round(w.seconds, 1), round(w.actionsPerSecond(), 2), round(LoadReport.ms(w.corrected, 50), 3),
                round(p99, 3), round(LoadReport.ms(w.corrected, 99.9), 3), round(LoadReport.maxMs(w.corrected), 3),
                w.corrected.getTotalCount(), w.errorRate(), longEnough, met);
    }

    /** The highest step that met the goal, or null. */
    Step best() {
        Step best = null;
        for (Step s : steps) {
            if (s.met() && (best == null || s.players() > best.players())) {
                best = s;
            }
        }
        return best;
    }

    @Override
    LoadReport report() {
        LoadReport r = baseReport("players and tables one node holds at human pace with p99 action latency under "
                + TextReport.format(o.goalP99Ms()) + " ms");
        Step best = best();
        r.metric("capacityPlayers", "players held (highest step meeting the goal)", best == null ? 0 : best.players(), "");
        r.metric("capacityTables", "tables at that step", best == null ? 0 : best.tables(), "");
        r.metric("capacityActionsPerSecond", "actions per second at that step", best == null ? 0 : best.actionsPerSecond(),
                "actions/s");
        r.metric("capacityP99Ms", "p99 action latency at that step", best == null ? null : best.p99Ms(), "ms");
        r.metric("goalP99Ms", "goal", o.goalP99Ms(), "ms p99");
        r.metric("steps", "steps measured", steps.size(), "");
        r.metric("playersMax", "players started", pool.started(), "");
        r.metric("errorRate", "error rate (whole run)", round(100 * r.errorRate(), 3), "%");
        meter.fill(r, tap.corrected.total(), tap.raw.total(), " (whole run)");
        if (best != null) {
            PlayMeter.Window w = windows.get(best.number() - 1);
            r.distributions.add(new LoadReport.Distribution("actionCorrectedBestStep",
                    "action, corrected, step " + best.number() + " (" + best.players() + " players)", "action latency (whole run)",
                    null, w.corrected));
        }
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last != null && !last.met() && (best == null || last.number() != best.number())) {
            PlayMeter.Window w = windows.get(last.number() - 1);
            r.distributions.add(new LoadReport.Distribution("actionCorrectedFailedStep",
                    "action, corrected, step " + last.number() + " (" + last.players() + " players)", "action latency (whole run)",
                    null, w.corrected));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.number());
            m.put("players", s.players());
            m.put("seatedMin", s.seatedMin());
            m.put("tables", s.tables());
            m.put("seconds", s.seconds());
            m.put("actionsPerSecond", s.actionsPerSecond());
            m.put("p50Ms", s.p50Ms());
            m.put("p99Ms", s.p99Ms());
            m.put("p999Ms", s.p999Ms());
            m.put("maxMs", s.maxMs());
            m.put("samples", s.samples());
            m.put("errorRatePercent", round(100 * s.errorRate(), 3));
            m.put("met", s.met());
            rows.add(m);
        }
        r.tables.add(new LoadReport.Table("steps", "Steps", "a step meets the goal when p99 < "
                + TextReport.format(o.goalP99Ms()) + " ms, error rate <= " + RunContext.pct(o.sloErrorRate())
                + " and at least 95% of its players stayed seated; latency from the intended send time",
                List.of(new LoadReport.Column("step", "step"), new LoadReport.Column("players", "players"),
                        new LoadReport.Column("seatedMin", "seated (min)"), new LoadReport.Column("tables", "tables"),
                        new LoadReport.Column("seconds", "measured s"),
                        new LoadReport.Column("actionsPerSecond", "actions/s"), new LoadReport.Column("p50Ms", "p50 ms"),
                        new LoadReport.Column("p99Ms", "p99 ms"), new LoadReport.Column("p999Ms", "p99.9 ms"),
                        new LoadReport.Column("maxMs", "max ms"), new LoadReport.Column("samples", "samples"),
                        new LoadReport.Column("errorRatePercent", "errors %"), new LoadReport.Column("met", "meets goal")),
                rows));
        for (Map<String, Object> row : meter.rows) {
            String ph = String.valueOf(row.get("phase"));
            if (ph.startsWith("ramp ") && (r.markers.isEmpty()
                    || !r.markers.get(r.markers.size() - 1).label().equals(ph))) {
                r.markers.add(new LoadReport.Marker(((Number) row.get("t")).doubleValue() - 1, ph));
            }
        }
        r.check("a step met the goal", "p99 < " + TextReport.format(o.goalP99Ms()) + " ms",
                best == null ? (steps.isEmpty() ? "no step measured" : "none of " + steps.size())
                        : "up to step " + best.number() + " (" + best.players() + " players, p99 "
                                + TextReport.format(best.p99Ms()) + " ms)",
                best != null);
        for (Step s : steps) {
            if (s.samples() < 200) {
                r.notes.add("step " + s.number() + " has only " + s.samples() + " latency samples: its p99 is close to"
                        + " its maximum; a longer --step-duration or larger steps give a steadier figure");
                break;
            }
        }
        if (best != null && best.players() >= o.players()) {
            r.notes.add("every step up to --players " + o.players() + " met the goal: the node's limit is higher;"
                    + " raise --players (and --duration) to find it");
        } else if (last != null && !last.complete()) {
            r.notes.add("the last step was cut short by --duration; raise it to measure every step fully");
        }
        return r;
    }
}
