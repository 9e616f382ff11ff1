package dev.poker.load.cli;

import static dev.poker.cli.common.CommandLines.textOption;

import dev.poker.cli.common.CommandLines;
import dev.poker.load.WsUrls;
import dev.poker.load.bot.BotConfig;
import dev.poker.load.bot.BotFleet;
import dev.poker.load.bot.BotStats;
import dev.poker.load.bot.TableTemplate;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./poker bots}: runs a fleet of simulated players against a server, printing progress every
 * second and a summary at the end. Stops after {@code --duration} seconds or on Ctrl-C (the bots stand
 * up and disconnect cleanly either way).
 *
 * <p>Exit status: 0 after a run, 1 when no bot could connect, 2 on wrong usage.
 *
 * <p>Concurrency: the main thread prints; the bots run on the fleet's threads; a shutdown hook turns
 * Ctrl-C into a clean stop and waits for the summary.
 */
final class BotsCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final PrintStream out;
    private final PrintStream err;

    BotsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        spec.name("bots").usageMessage().synopsisHeading("usage: ")
                .customSynopsis("./poker bots --players N [--url URL] [--tables-of SEATS] [--think-ms MS]",
                        "                    [--duration SECONDS] [--seed S] [--ramp PER_SECOND] [--game GAME]")
                .descriptionHeading("%n").description("run simulated players against a server (load test)", "",
                        "Connects N bots to the server. Each bot takes a free seat at a table with SEATS seats and",
                        "1/2 blinds (creating tables as needed), buys in for 100 big blinds, plays a simple loose",
                        "strategy, and tops up when it busts. Prints progress every second and a summary at the end.")
                .optionListHeading("%n").sortOptions(false).footerHeading("%n").footer(
                        "Progress: connections open/bots, seated bots, hands played, actions per second, action",
                        "latency p50/p99 in ms (from sending an action to receiving its event), errors.",
                        "Exit status: 0 after a run, 1 when no bot could connect, 2 wrong usage.");
        spec.addOption(CommandLines.helpOption());
        spec.addOption(textOption("URL", "WebSocket endpoint (default ws://127.0.0.1:8080/ws)", "--url"));
        spec.addOption(OptionSpec.builder("--players").paramLabel("N").type(String.class).arity("1").required(true)
                .description("number of bots (required, 1 to 100000)").build());
        spec.addOption(textOption("SEATS", "seats per table, 2 to 10 (default 6)", "--tables-of"));
        spec.addOption(textOption("MS", "average think time before each action, uniform in [MS/2, 3*MS/2];"
                + " 0 answers at once for throughput (default 0)", "--think-ms"));
        spec.addOption(textOption("SECONDS", "stop after this long; 0 runs until Ctrl-C (default 0)", "--duration"));
        spec.addOption(textOption("S", "seed for the bots' decisions and timing (default: random, printed)",
                "--seed"));
        spec.addOption(textOption("PER_SECOND", "bots started per second, 0 for all at once (default 50)", "--ramp"));
        spec.addOption(textOption("GAME", "the game of the tables the bots join and create: no_limit_holdem or"
                + " pot_limit_omaha (default no_limit_holdem)", "--game"));
    }

    /** The {@code bots} command, to add to a command line. */
    CommandSpec spec() {
        return spec;
    }

    /** The parsed command line. */
    record Options(URI url, int players, int seats, long thinkMs, long durationSeconds, long seed, boolean seedGiven,
            double ramp, String game) {

        /** Options for the default game, no-limit hold'em. */
        Options(URI url, int players, int seats, long thinkMs, long durationSeconds, long seed, boolean seedGiven,
                double ramp) {
            this(url, players, seats, thinkMs, durationSeconds, seed, seedGiven, ramp, "no_limit_holdem");
        }
    }

    /** Checks the options given; throws IllegalArgumentException with a message for people. */
    static Options parse(Map<String, String> given) {
        URI url = URI.create("ws://127.0.0.1:8080/ws");
        Integer players = null;
        int seats = 6;
        long thinkMs = 0;
        long duration = 0;
        Long seed = null;
        double ramp = 50;
        String game = "no_limit_holdem";
        for (Map.Entry<String, String> flag : given.entrySet()) {
            String a = flag.getKey();
            String value = flag.getValue();
            switch (a) {
                case "--url" -> url = WsUrls.parse(value);
                case "--players" -> players = (int) parseLong(a, value, 1, 100_000);
                case "--tables-of" -> seats = (int) parseLong(a, value, 2, 10);
                case "--think-ms" -> thinkMs = parseLong(a, value, 0, 600_000);
                case "--duration" -> duration = parseLong(a, value, 0, 365L * 24 * 3600);
                case "--seed" -> seed = parseLong(a, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--ramp" -> {
                    try {
                        ramp = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--ramp needs a number, not '" + value + "'");
                    }
                    if (!(ramp >= 0) || Double.isInfinite(ramp)) {
                        throw new IllegalArgumentException("--ramp must be 0 or more");
                    }
                }
                case "--game" -> {
                    if (!value.equals("no_limit_holdem") && !value.equals("pot_limit_omaha")) {
                        throw new IllegalArgumentException("--game is no_limit_holdem or pot_limit_omaha, not '"
                                + value + "'");
                    }
                    game = value;
                }
                default -> throw new IllegalStateException(a);
            }
        }
        if (players == null) {
            throw new IllegalArgumentException("--players is required");
        }
        return new Options(url, players, seats, thinkMs, duration,
                seed != null ? seed : ThreadLocalRandom.current().nextLong(), seed != null, ramp, game);
    }

    private static long parseLong(String option, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", not " + v);
        }
        return v;
    }

    @Override
    public Integer call() throws InterruptedException {
        Options o;
        try {
            o = parse(CommandLines.given(spec.commandLine().getParseResult()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }

        BotConfig bot = BotConfig.defaults().withTemplate(TableTemplate.ofSeats(o.seats()).withGame(o.game()))
                .withThinkTime(Duration.ofMillis(o.thinkMs()));
        BotFleet fleet = new BotFleet(BotFleet.Config.of(o.url(), o.players()).withBot(bot).withSeed(o.seed())
                .withRampPerSecond(o.ramp()));
        out.printf(Locale.ROOT, "poker bots: %d bots -> %s, %d-seat %s tables, think %d ms, %s, seed %d%n",
                o.players(), o.url(), o.seats(), o.game(), o.thinkMs(),
                o.durationSeconds() > 0 ? "for " + o.durationSeconds() + " s" : "until Ctrl-C", o.seed());

        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "poker-bots-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long start = System.nanoTime();
            long end = o.durationSeconds() > 0 ? start + TimeUnit.SECONDS.toNanos(o.durationSeconds()) : Long.MAX_VALUE;
            fleet.start();
            long tick = 1;
            while (true) {
                long nextTick = start + TimeUnit.SECONDS.toNanos(tick);
                long wake = Math.min(nextTick, end);
                long waitNanos = Math.max(0, wake - System.nanoTime());
                if (interrupted.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    out.println("interrupted: stopping the bots...");
                    break;
                }
                if (System.nanoTime() - nextTick >= 0) {
                    BotStats.Report r = fleet.report();
                    out.println(progress(r, o.players()));
                    out.flush();
                    tick++;
                    if (fleet.rampComplete() && r.botsFailed() >= o.players()) {
                        out.println("every bot has failed: stopping...");
                        break;
                    }
                }
                if (end != Long.MAX_VALUE && System.nanoTime() - end >= 0) {
                    out.println("duration reached: stopping the bots...");
                    break;
                }
            }
            fleet.stop();
            BotStats.Report r = fleet.report();
            out.println(summary(r));
            out.flush();
            if (r.connects() == 0) {
                err.println("poker bots: no bot could connect to " + o.url());
                return 1;
            }
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and now returns
            }
        }
    }

    /** One progress line. */
    static String progress(BotStats.Report r, int players) {
        return String.format(Locale.ROOT,
                "[%5ds] conns %d/%d  seated %d  hands %d  actions/s %.1f  p50 %.1f ms  p99 %.1f ms  errors %d%s",
                r.elapsed().toSeconds(), r.connectionsOpen(), players, r.seated(), r.handsPlayed(),
                r.actionsPerSecond(), r.interval().p50Ms(), r.interval().p99Ms(), r.errors(), topErrors(r.errorsByCode(), 3));
    }

    /** The final summary (several lines). */
    static String summary(BotStats.Report r) {
        double seconds = Math.max(1e-9, r.elapsed().toNanos() / 1e9);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "summary: %.1f s, %d bots started (%d failed), %d connections made,"
                + " %d reconnects, %d tables created%n", seconds, r.botsStarted(), r.botsFailed(), r.connects(),
                r.reconnects(), r.tablesCreated()));
        s.append(String.format(Locale.ROOT, "  hands %d (bot-hands %d), actions %d (%.1f/s), acks %d, retries %d,"
                + " top-ups %d%n", r.handsPlayed(), r.handsSeen(), r.actionsSent(), r.actionsSent() / seconds, r.acks(),
                r.actionRetries(), r.topUps()));
        BotStats.Latency l = r.total();
        s.append(String.format(Locale.ROOT, "  action latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%d samples)%n",
                l.p50Ms(), l.p90Ms(), l.p99Ms(), l.maxMs(), l.count()));
        s.append("  errors ").append(r.errors());
        if (!r.errorsByCode().isEmpty()) {
            StringJoiner j = new StringJoiner(", ", ": ", "");
            r.errorsByCode().forEach((code, n) -> j.add(code + " " + n));
            s.append(j);
        }
        return s.toString();
    }

    private static String topErrors(Map<String, Long> byCode, int n) {
        if (byCode.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", " (", ")");
        byCode.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(n)
                .forEach(e -> j.add(e.getKey() + " " + e.getValue()));
        return j.toString();
    }
}
