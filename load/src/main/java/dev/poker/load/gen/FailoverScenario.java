package dev.poker.load.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code failover}: players play against a cluster (several {@code --url}s, or one URL behind a load
 * balancer), and at {@code --kill-at} the operator's {@code --kill-command} kills a node; an optional
 * {@code --restart-command} follows {@code --restart-after} later (a single node killed and restarted is
 * the smallest failover). The players reconnect by themselves (with backoff, trying the next URL after a
 * failed attempt), resume with their token and re-join their tables.
 *
 * <p>Measured from the kill (the moment the command is started): per table that had played before it,
 * the time until its first action event after it ("play resumes"); per player whose connection dropped
 * after it, the time from the drop to the {@code welcome} on a new connection and to the first table
 * message after that ("resumed").
 *
 * <p>Concurrency: the scenario's thread; the commands run on a thread of their own.
 */
final class FailoverScenario extends PlayerRun {
    private volatile ShellCommand.Result killResult;
    private volatile ShellCommand.Result restartResult;
    private long markNanos;
    private Path log;
    private NodeWatch watch;

    /** Polls every node's /health from the kill on: when it stopped answering 200, and when it did again. */
    private final class NodeWatch implements Runnable {
        final long[] down = new long[o.urls().size()];
        final long[] up = new long[o.urls().size()];
        volatile boolean stop;

        NodeWatch() {
            java.util.Arrays.fill(down, -1);
            java.util.Arrays.fill(up, -1);
        }

        @Override
        public void run() {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofMillis(500)).build();
            while (!stop) {
                for (int i = 0; i < down.length; i++) {
                    HealthProbe.Result h = HealthProbe.get(http, o.urls().get(i), Duration.ofSeconds(1));
                    long now = System.nanoTime();
                    synchronized (this) {
                        if (h.status() != 200) {
                            if (down[i] < 0) {
                                down[i] = now;
                            }
                        } else if (down[i] >= 0 && up[i] < 0) {
                            up[i] = now;
                        }
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    FailoverScenario(RunContext ctx) {
        super(ctx);
    }

    @Override
    void plan() {
        try {
            log = Files.createTempFile("poker-load-failover-", ".log");
        } catch (IOException e) {
            log = Path.of("poker-load-failover.log");
        }
        pool.rampTo(o.players(), o.ramp());
        phase = "play";
        long killSecond = Math.max(1, (long) Math.ceil(o.killAt().toMillis() / 1000.0));
        Thread commands = null;
        while (tick()) {
            if (commands == null && second >= killSecond) {
                markNanos = System.nanoTime();
                tap.mark(markNanos);
                phase = "after kill";
                ctx.say(String.format(Locale.ROOT, "[%5.0fs] running the kill command: %s", ctx.elapsedSeconds(),
                        o.killCommand()));
                commands = new Thread(this::runCommands, "load-failover-commands");
                commands.setDaemon(true);
                commands.start();
                watch = new NodeWatch();
                Thread w = new Thread(watch, "load-failover-health");
                w.setDaemon(true);
                w.start();
            }
        }
        if (watch != null) {
            watch.stop = true;
        }
        if (commands != null) {
            try {
                commands.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runCommands() {
        killResult = ShellCommand.run(o.killCommand(), Duration.ofSeconds(30), log, ctx);
        ctx.say(String.format(Locale.ROOT, "kill command: %s after %.1f s (output in %s)", killResult.outcome(),
                killResult.seconds(), log));
        if (o.restartCommand() != null && !ctx.stopped()) {
            try {
                long wait = o.restartAfter().toMillis() - (long) (killResult.seconds() * 1000);
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            ctx.say(String.format(Locale.ROOT, "[%5.0fs] running the restart command: %s", ctx.elapsedSeconds(),
                    o.restartCommand()));
            restartResult = ShellCommand.run(o.restartCommand(), Duration.ofSeconds(30), log, ctx);
            ctx.say(String.format(Locale.ROOT, "restart command: %s after %.1f s", restartResult.outcome(),
                    restartResult.seconds()));
        }
    }

    private double sinceMark(long nanos) {
        return round((nanos - markNanos) / 1e9, 3);
    }

    @Override
    LoadReport report() {
        LoadReport r = baseReport("time until play resumes after a node is killed");
        meter.fill(r, tap.corrected.total(), tap.raw.total(), " (whole run)");
        if (killResult == null && markNanos == 0) {
            r.metric("killed", "kill command run", false, "");
            r.check("kill command ran", "at " + LoadOptions.seconds(o.killAt()), "the run ended first", false);
            r.notes.add("the run ended before --kill-at: nothing was measured");
            return r;
        }
        double killAt = killResult != null ? killResult.startedAt() : Double.NaN;
        r.markers.add(new LoadReport.Marker(killAt, "kill"));
        if (restartResult != null) {
            r.markers.add(new LoadReport.Marker(restartResult.startedAt(), "restart"));
        }

        // tables
        Histogram tableResume = new Histogram(3);
        List<Map<String, Object>> tableRows = new ArrayList<>();
        int interrupted = 0;
        int interruptedResumed = 0;
        int resumedAll = 0;
        for (TrafficTap.TableFailover t : tap.tableFailovers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("nodes", t.nodes());
            m.put("actionsBefore", t.actionsBefore());
            m.put("interrupted", t.interrupted());
            m.put("lastActionBeforeKillS", sinceMark(t.lastBeforeNanos()));
            boolean resumed = t.firstAfterNanos() >= 0;
            m.put("resumeAfterKillS", resumed ? sinceMark(t.firstAfterNanos()) : null);
            m.put("gapS", resumed ? round((t.firstAfterNanos() - t.lastBeforeNanos()) / 1e9, 3) : null);
            tableRows.add(m);
            if (resumed) {
                resumedAll++;
            }
            if (t.interrupted()) {
                interrupted++;
                if (resumed) {
                    interruptedResumed++;
                    tableResume.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(t.firstAfterNanos() - markNanos)));
                }
            }
        }
        tableRows.sort((a, b) -> {
            Object x = a.get("resumeAfterKillS");
            Object y = b.get("resumeAfterKillS");
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            return Double.compare(((Number) y).doubleValue(), ((Number) x).doubleValue());
        });

        // players
        Histogram playerResume = new Histogram(3);
        List<Map<String, Object>> playerRows = new ArrayList<>();
        int disconnected = 0;
        int playersResumed = 0;
        for (TrafficTap.Outage out : tap.outages(pool.players())) {
            disconnected++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("player", "player " + (out.player + 1));
            m.put("disconnectedAfterKillS", sinceMark(out.start));
            m.put("reconnectS", out.reconnected >= 0 ? round((out.reconnected - out.start) / 1e9, 3) : null);
            m.put("resumeS", out.resumed >= 0 ? round((out.resumed - out.start) / 1e9, 3) : null);
            playerRows.add(m);
            if (out.resumed >= 0) {
                playersResumed++;
                playerResume.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(out.resumed - out.start)));
            }
        }

        r.metric("tablesBefore", "tables playing before the kill", tableRows.size(), "");
        r.metric("tablesInterrupted", "tables interrupted (a player lost its connection)", interrupted, "");
        r.metric("tablesInterruptedResumed", "interrupted tables playing again", interruptedResumed, "");
        r.metric("tablesResumed", "tables with an action after the kill", resumedAll, "");
        r.metric("tableResumeP50S", "table resume p50 (from the kill)", round(LoadReport.ms(tableResume, 50) / 1000, 3),
                "s");
        r.metric("tableResumeMaxS", "table resume max", round(LoadReport.maxMs(tableResume) / 1000, 3), "s");
        r.metric("playersDisconnected", "players disconnected", disconnected, "");
        r.metric("playersResumed", "players back at their table", playersResumed, "");
        r.metric("playerResumeP50S", "player resume p50 (from the drop)", round(LoadReport.ms(playerResume, 50) / 1000, 3),
                "s");
        r.metric("playerResumeMaxS", "player resume max", round(LoadReport.maxMs(playerResume) / 1000, 3), "s");
        if (watch != null) {
            List<Map<String, Object>> nodeRows = new ArrayList<>();
            synchronized (watch) {
                for (int i = 0; i < o.urls().size(); i++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("node", o.urls().get(i).toString());
                    m.put("downAfterKillS", watch.down[i] >= 0 ? sinceMark(watch.down[i]) : null);
                    m.put("healthyAgainAfterKillS", watch.up[i] >= 0 ? sinceMark(watch.up[i]) : null);
                    nodeRows.add(m);
                    if (watch.down[i] >= 0) {
                        r.metric("node" + (i + 1) + "BackS", "node " + (i + 1) + " healthy again after the kill",
                                watch.up[i] >= 0 ? sinceMark(watch.up[i]) : "not within the run",
                                watch.up[i] >= 0 ? "s" : "");
                    }
                }
            }
            r.tables.add(new LoadReport.Table("failoverNodes", "Nodes (GET /health every 200 ms after the kill)",
                    "down = first answer other than 200 (or none); healthy again = first 200 after that",
                    List.of(new LoadReport.Column("node", "node"), new LoadReport.Column("downAfterKillS", "down at s"),
                            new LoadReport.Column("healthyAgainAfterKillS", "healthy again at s")),
                    nodeRows));
        }
        r.metric("killCommand", "kill command", killResult == null ? "not finished" : killResult.outcome(), "");
        if (o.restartCommand() != null) {
            r.metric("restartCommand", "restart command", restartResult == null ? "not run" : restartResult.outcome(),
                    "");
        }
        r.distributions.add(new LoadReport.Distribution("tableResume", "table: kill -> first action",
                "time to resume", "per interrupted table, from the start of the kill command to the first action"
                        + " event any of its players received after it", tableResume));
        r.distributions.add(new LoadReport.Distribution("playerResume", "player: drop -> back at table",
                "time to resume", "per player that lost its connection after the kill, from the drop to the first"
                        + " table message on its new connection (after the welcome)", playerResume));
        r.tables.add(new LoadReport.Table("failoverTables", "Tables (slowest to resume first)",
                "seconds are relative to the start of the kill command; gap = last action before it to first after it",
                List.of(new LoadReport.Column("table", "table"), new LoadReport.Column("nodes", "node(s)"),
                        new LoadReport.Column("actionsBefore", "actions before"),
                        new LoadReport.Column("interrupted", "interrupted"),
                        new LoadReport.Column("lastActionBeforeKillS", "last action s"),
                        new LoadReport.Column("resumeAfterKillS", "resumed after s"),
                        new LoadReport.Column("gapS", "gap s")),
                tableRows));
        r.tables.add(new LoadReport.Table("failoverPlayers", "Players that lost their connection",
                "reconnect = drop to welcome on a new connection; resume = drop to the first table message after it",
                List.of(new LoadReport.Column("player", "player"),
                        new LoadReport.Column("disconnectedAfterKillS", "dropped at s"),
                        new LoadReport.Column("reconnectS", "reconnect s"), new LoadReport.Column("resumeS", "resume s")),
                playerRows));
        if (killResult != null) {
            r.check("kill command", "exit 0", killResult.outcome(), killResult.succeeded());
        }
        if (o.restartCommand() != null) {
            r.check("restart command", "ran", restartResult == null ? "not run" : restartResult.outcome(),
                    restartResult != null && restartResult.error() == null);
        }
        r.check("the kill interrupted play", "a player lost its connection", disconnected + " players", disconnected > 0);
        r.check("interrupted tables play again", interrupted + " of " + interrupted,
                interruptedResumed + " of " + interrupted, interrupted > 0 && interruptedResumed == interrupted);
        r.check("disconnected players are back at a table", disconnected + " of " + disconnected,
                playersResumed + " of " + disconnected, playersResumed == disconnected);
        r.notes.add("command output: " + log);
        return r;
    }
}
