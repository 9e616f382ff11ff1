package dev.poker.load.gen;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The frame of a run with simulated players: a {@link TrafficTap}, a {@link PlayerPool}, a
 * {@link PlayMeter}, and a once-a-second tick that samples, prints progress and tells the scenario whether
 * to go on. Subclasses hold the scenario's plan.
 *
 * <p>Concurrency: the scenario's thread only.
 */
abstract class PlayerRun {
    final RunContext ctx;
    final LoadOptions o;
    final TrafficTap tap = new TrafficTap();
    PlayerPool pool;
    PlayMeter meter;
    long second;
    String phase = "ramp";

    PlayerRun(RunContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
    }

    /** Runs the scenario and returns its report. */
    final LoadReport run() {
        try (PlayerPool p = new PlayerPool(o.urls(), o.seats(), o.think(), tap, o.seed(), ctx.runTag)) {
            pool = p;
            meter = new PlayMeter(tap, pool);
            ctx.say(String.format(Locale.ROOT, "poker load %s: %d players -> %s, %d-seat tables, think %s, %s, seed %d",
                    o.scenario().id(), o.players(), String.join(", ", o.urls().stream().map(URI::toString).toList()),
                    o.seats(), o.think(), "at most " + LoadOptions.seconds(o.duration()), o.seed()));
            plan();
            LoadReport r = report();
            ctx.say("stopping the players...");
            return r;
        }
    }

    /** The scenario's plan: ramps, waits with {@link #tick()}, opens windows. */
    abstract void plan();

    /** Builds the report (players still connected). */
    abstract LoadReport report();

    /** Waits for the next second, samples it and prints progress; false when the run must end. */
    final boolean tick() {
        second++;
        boolean ok = ctx.awaitSecond(second);
        Map<String, Object> row = meter.sample(ctx.elapsedSeconds(), phase);
        ctx.progress(second, meter.progressLine(row));
        if (ok && pool.started() > 0 && pool.started() == pool.target() && pool.failed() == pool.started()) {
            ctx.say("every player has failed: ending the run");
            return false;
        }
        return ok;
    }

    /** A report with the fields every player scenario has. */
    final LoadReport baseReport(String title) {
        LoadReport r = new LoadReport(o.scenario().id(), title, o.urls().stream().map(URI::toString).toList(),
                ctx.startedAt, o.settings());
        r.seconds = Math.round(ctx.elapsedSeconds() * 10) / 10.0;
        r.errors = meter.errorsTotal();
        r.requests = meter.requestsTotal();
        return r;
    }

    /** The standard error-rate check. */
    final void errorCheck(LoadReport r) {
        r.check("error rate", "< " + RunContext.pct(o.sloErrorRate()), RunContext.pct(r.errorRate()),
                r.errorRate() < o.sloErrorRate() || (o.sloErrorRate() == 0 && r.errors == 0));
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
