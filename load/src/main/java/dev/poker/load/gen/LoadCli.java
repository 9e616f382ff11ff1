package dev.poker.load.gen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./poker load <scenario>}: drives simulated players over real WebSocket connections, prints
 * progress every second, and ends with a report on the terminal, in JSON ({@code --json}) and as a
 * self-contained HTML page ({@code --html}). The server's CLI hands its arguments here.
 *
 * <p>Exit status: 0 when the run completed and every check passed, 1 when a check failed (or nothing could
 * connect), 2 on wrong usage.
 *
 * <p>Concurrency: runs on the caller's thread; a shutdown hook turns Ctrl-C into an early, clean end that
 * still writes the reports.
 */
public final class LoadCli {
    private LoadCli() {}

    /** Runs {@code load} directly: {@code java -cp poker.jar dev.poker.load.gen.LoadCli <scenario> ...}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** One line for the command list. */
    public static String summary() {
        return "load-test a node: capacity, throughput, storm or failover (reports in text, JSON, HTML)";
    }

    public static void usage(PrintStream to) {
        to.println("usage: ./poker load <scenario> [--url URL] [--players N] [--duration TIME] [options]");
        to.println();
        to.println("Scenarios (each ends by itself; --duration bounds the whole run, --players the connections):");
        for (LoadOptions.Scenario s : LoadOptions.Scenario.values()) {
            to.printf("  %-11s %s%n", s.id(), s.summary);
            to.printf("  %-11s default: %d %s, %s%s%n", "", s.defaultPlayers,
                    s == LoadOptions.Scenario.STORM ? "connections" : "players", LoadOptions.seconds(s.defaultDuration),
                    s.defaultThink.maxMillis() > 0 ? ", think " + s.defaultThink : "");
        }
        to.println();
        to.println("Common options:");
        to.println("  --url URL             node WebSocket endpoint (default ws://127.0.0.1:8080/ws); repeat it or give");
        to.println("                        a comma-separated list for several nodes (players are spread over them)");
        to.println("  --players N           simulated players (storm: connections; --connections is the same)");
        to.println("  --duration TIME       the whole run, e.g. 60, 60s, 2m (1 s to 24 h)");
        to.println("  --json FILE           JSON report (default load-report.json; 'none' to skip)");
        to.println("  --html FILE           HTML report with charts (default load-report.html; 'none' to skip)");
        to.println("  --seats N             seats per table, 2 to 10 (default 6)");
        to.println("  --think MIN-MAX       think time in ms before each action, e.g. 2000-4000 or 2s-4s; 0: act at once");
        to.println("  --ramp PER_SECOND     players started per second (default 50)");
        to.println("  --seed S              seed of the players' decisions and think times (default: random, printed)");
        to.println("  --slo-p99-ms MS       p99 action latency objective checked at the end (default 200)");
        to.println("  --slo-error-rate R    error-rate objective, a fraction (default 0.01)");
        to.println("  --progress SECONDS    progress line every SECONDS (default 1; 0: none)");
        to.println("throughput:");
        to.println("  --warmup TIME         not measured at the start (default: a quarter of --duration, at most 10 s)");
        to.println("capacity:");
        to.println("  --step N              players added per step (default: --players / 10, at most 100)");
        to.println("  --step-duration TIME  measured time per step (default 20 s)");
        to.println("  --goal-p99-ms MS      p99 a step must stay under (default 50)");
        to.println("storm:");
        to.println("  --within TIME         open every connection within this time (default 5 s)");
        to.println("  --hold TIME           keep them open this long after that (default 10 s)");
        to.println("failover:");
        to.println("  --kill-command CMD    shell command that kills a node (required), e.g. \"kill -9 $(cat node.pid)\"");
        to.println("  --kill-at TIME        when to run it (default: a third of --duration)");
        to.println("  --restart-command CMD shell command that starts the node again (optional)");
        to.println("  --restart-after TIME  delay from the kill to the restart (default 0)");
        to.println();
        to.println("Latency is measured from when an action was meant to be sent (your_turn received + think time)");
        to.println("until every player at the table has received its action event (HdrHistogram, corrected for");
        to.println("coordinated omission). Exit status: 0 all checks passed, 1 a check failed, 2 wrong usage.");
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                usage(out);
                return 0;
            }
        }
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("poker load: " + e.getMessage());
            err.println("(./poker load --help for the scenarios and options)");
            return 2;
        }
        RunContext ctx = new RunContext(o, out);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ctx.stop();
            try {
                finished.await(45, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "poker-load-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LoadReport report = switch (o.scenario()) {
                case CAPACITY -> new CapacityScenario(ctx).run();
                case THROUGHPUT -> new ThroughputScenario(ctx).run();
                case STORM -> new StormScenario(ctx).run();
                case FAILOVER -> new FailoverScenario(ctx).run();
            };
            if (ctx.stopped()) {
                report.notes.add("the run was interrupted (Ctrl-C) after " + TextReport.format(report.seconds) + " s");
            }
            out.println();
            out.print(TextReport.render(report));
            write(o.json(), report.toJson(), "JSON", out, err);
            write(o.html(), HtmlReport.render(report), "HTML", out, err);
            out.flush();
            return report.passed() ? 0 : 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is waiting for us and now returns
            }
        }
    }

    private static void write(Path file, String content, String what, PrintStream out, PrintStream err) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            out.println(what + " report: " + file);
        } catch (IOException e) {
            err.println("poker load: cannot write the " + what + " report to " + file + ": " + e.getMessage());
        }
    }
}
