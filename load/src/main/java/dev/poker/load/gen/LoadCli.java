package dev.poker.load.gen;

import static dev.poker.cli.common.CommandLines.textOption;

import dev.poker.cli.common.CommandLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./poker load <scenario>}: drives simulated players over real WebSocket connections, prints
 * progress every second, and ends with a report on the terminal, in JSON ({@code --json}) and as a
 * self-contained HTML page ({@code --html}). {@link #model} is its command line; {@link LoadOptions} checks
 * what was given.
 *
 * <p>Exit status: 0 when the run completed and every check passed, 1 when a check failed (or nothing could
 * connect), 2 on wrong usage.
 *
 * <p>Concurrency: runs on the caller's thread; a shutdown hook turns Ctrl-C into an early, clean end that
 * still writes the reports.
 */
public final class LoadCli implements Callable<Integer> {
    private final CommandSpec spec = model(CommandSpec.wrapWithoutInspection(this));
    private final PrintStream out;
    private final PrintStream err;

    /** The command, printing progress and reports to {@code out} and problems to {@code err}. */
    public LoadCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The {@code load} command, to add to a command line. */
    public CommandSpec spec() {
        return spec;
    }

    /** Adds the scenario, the options and the usage text of {@code load} to {@code command}. */
    static CommandSpec model(CommandSpec command) {
        command.name("load");
        List<String> description = new ArrayList<>(List.of(
                "load-test a node: capacity, throughput, storm or failover (reports in text, JSON, HTML)", "",
                "Scenarios (each ends by itself; --duration bounds the whole run, --players the connections):"));
        for (LoadOptions.Scenario s : LoadOptions.Scenario.values()) {
            description.add(String.format(Locale.ROOT, "  %-11s %s", s.id(), s.summary));
            description.add(String.format(Locale.ROOT, "  %-11s default: %d %s, %s%s", "", s.defaultPlayers,
                    s == LoadOptions.Scenario.STORM ? "connections" : "players", LoadOptions.seconds(s.defaultDuration),
                    s.defaultThink.maxMillis() > 0 ? ", think " + s.defaultThink : ""));
        }
        command.usageMessage().synopsisHeading("usage: ")
                .customSynopsis("./poker load <scenario> [--url URL] [--players N] [--duration TIME] [options]")
                .descriptionHeading("%n").description(description.toArray(String[]::new))
                .parameterListHeading("%n").optionListHeading("%nOptions (the scenario they belong to first):%n")
                .sortOptions(false).footerHeading("%n").footer(
                        "Latency is measured from when an action was meant to be sent (your_turn received + think",
                        "time) until every player at the table has received its action event (HdrHistogram,",
                        "corrected for coordinated omission).",
                        "Exit status: 0 all checks passed, 1 a check failed, 2 wrong usage.");
        command.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("<scenario>")
                .type(String.class).description("capacity, throughput, storm or failover").build());
        command.addOption(CommandLines.helpOption());
        command.addOption(OptionSpec.builder("--url").paramLabel("URL").type(List.class).auxiliaryTypes(String.class)
                .arity("1").description("node WebSocket endpoint (default ws://127.0.0.1:8080/ws); repeat it or",
                        "give a comma-separated list for several nodes (players are spread over them)").build());
        command.addOption(textOption("N", "simulated players (storm: connections)", "--players", "--connections"));
        command.addOption(textOption("TIME", "the whole run, e.g. 60, 60s, 2m (1 s to 24 h)", "--duration"));
        command.addOption(textOption("FILE", "JSON report (default load-report.json; 'none' to skip)", "--json"));
        command.addOption(textOption("FILE", "HTML report with charts (default load-report.html; 'none' to skip)",
                "--html"));
        command.addOption(textOption("N", "seats per table, 2 to 10 (default 6)", "--seats"));
        command.addOption(textOption("MIN-MAX", "think time in ms before each action, e.g. 2000-4000 or 2s-4s;"
                + " 0: act at once", "--think"));
        command.addOption(textOption("PER_SECOND", "players started per second (default 50)", "--ramp"));
        command.addOption(textOption("S", "seed of the players' decisions and think times (default: random,"
                + " printed)", "--seed"));
        command.addOption(textOption("MS", "p99 action latency objective checked at the end (default 200)",
                "--slo-p99-ms"));
        command.addOption(textOption("R", "error-rate objective, a fraction (default 0.01)", "--slo-error-rate"));
        command.addOption(textOption("SECONDS", "progress line every SECONDS (default 1; 0: none)", "--progress"));
        command.addOption(textOption("TIME", "throughput: not measured at the start (default: a quarter of"
                + " --duration, at most 10 s)", "--warmup"));
        command.addOption(textOption("N", "capacity: players added per step (default: --players / 10, at most 100)",
                "--step"));
        command.addOption(textOption("TIME", "capacity: measured time per step (default 20 s)", "--step-duration"));
        command.addOption(textOption("MS", "capacity: p99 a step must stay under (default 50)", "--goal-p99-ms"));
        command.addOption(textOption("TIME", "storm: open every connection within this time (default 5 s)",
                "--within"));
        command.addOption(textOption("TIME", "storm: keep them open this long after that (default 10 s)", "--hold"));
        command.addOption(textOption("CMD", "failover: shell command that kills a node (required), e.g."
                + " \"kill -9 $(cat node.pid)\"", "--kill-command"));
        command.addOption(textOption("TIME", "failover: when to run it (default: a third of --duration)",
                "--kill-at"));
        command.addOption(textOption("CMD", "failover: shell command that starts the node again (optional)",
                "--restart-command"));
        command.addOption(textOption("TIME", "failover: delay from the kill to the restart (default 0)",
                "--restart-after"));
        return command;
    }

    /** Runs the scenario of the parsed command line; returns the exit status. */
    @Override
    public Integer call() {
        LoadOptions o;
        try {
            o = LoadOptions.from(spec.commandLine().getParseResult());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
