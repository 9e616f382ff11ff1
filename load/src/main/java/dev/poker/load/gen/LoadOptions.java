package dev.poker.load.gen;

import dev.poker.cli.common.CommandLines;
import dev.poker.load.WsUrls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code ./poker load <scenario>} ({@link LoadCli#model}), parsed and checked. Every
 * scenario is bounded: by {@code --duration} (the whole run, ramp included) and by {@code --players}
 * (connections); the defaults depend on the scenario ({@link Scenario}).
 *
 * @param json  where the JSON report goes; null: not written
 * @param html  where the HTML report goes; null: not written
 */
record LoadOptions(Scenario scenario, List<URI> urls, int players, Duration duration, Path json, Path html,
        int seats, ThinkTime think, double ramp, long seed, boolean seedGiven, Duration warmup, double sloP99Ms,
        double sloErrorRate, int progressSeconds, int step, Duration stepDuration, double goalP99Ms, Duration within,
        Duration hold, String killCommand, Duration killAt, String restartCommand, Duration restartAfter) {

    static final int MAX_PLAYERS = 50_000;
    static final Duration MAX_DURATION = Duration.ofHours(24);
    static final URI DEFAULT_URL = URI.create("ws://127.0.0.1:8080/ws");

    /** The scenarios and their defaults. */
    enum Scenario {
        CAPACITY("ramp players at human pace in steps; the most players and tables with p99 under the goal",
                1000, Duration.ofMinutes(5), new ThinkTime(2000, 4000)),
        THROUGHPUT("players act as soon as it is their turn; sustained actions per second and latency",
                100, Duration.ofSeconds(60), ThinkTime.NONE),
        STORM("open thousands of connections within seconds (hello, list_tables, ping); shed or queue cleanly",
                2000, Duration.ofSeconds(60), ThinkTime.NONE),
        FAILOVER("kill a node during play; time until each table plays again and each player is back",
                30, Duration.ofSeconds(60), new ThinkTime(1000, 2000));

        final String summary;
        final int defaultPlayers;
        final Duration defaultDuration;
        final ThinkTime defaultThink;

        Scenario(String summary, int defaultPlayers, Duration defaultDuration, ThinkTime defaultThink) {
            this.summary = summary;
            this.defaultPlayers = defaultPlayers;
            this.defaultDuration = defaultDuration;
            this.defaultThink = defaultThink;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Scenario of(String s) {
            for (Scenario x : values()) {
                if (x.id().equals(s)) {
                    return x;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + s + "' (capacity, throughput, storm or failover)");
        }
    }

    /** Parses {@code <scenario> [options]}; throws IllegalArgumentException with a message for people. */
    static LoadOptions parse(String[] args) {
        return from(CommandLines.parse(new CommandLine(LoadCli.model(CommandSpec.create())), args));
    }

    /** The options of a parsed {@link LoadCli#model} command line, checked; IllegalArgumentException for people. */
    static LoadOptions from(ParseResult parsed) {
        String scenarioName = parsed.matchedPositionalValue(0, null);
        if (scenarioName == null) {
            throw new IllegalArgumentException("which scenario? capacity, throughput, storm or failover");
        }
        Scenario scenario = Scenario.of(scenarioName);
        Map<String, String> v = CommandLines.given(parsed);
        List<URI> urls = new ArrayList<>();
        for (String value : parsed.matchedOptionValue("--url", List.<String>of())) {
            for (String u : value.split(",")) {
                if (!u.isBlank()) {
                    urls.add(parseUrl(u.trim()));
                }
            }
        }
        if (urls.isEmpty()) {
            urls.add(DEFAULT_URL);
        }

        int players = (int) longOf(v, "--players", scenario.defaultPlayers, 1, MAX_PLAYERS);
        Duration duration = durationOf(v, "--duration", scenario.defaultDuration);
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be 1 s to 24 h");
        }
        Path json = pathOf(v, "--json", "load-report.json");
        Path html = pathOf(v, "--html", "load-report.html");
        int seats = (int) longOf(v, "--seats", 6, 2, 10);
        ThinkTime think = v.containsKey("--think") ? ThinkTime.parse(v.get("--think")) : scenario.defaultThink;
        if (think.maxMillis() > 60_000) {
            throw new IllegalArgumentException("--think must stay under 60 s (the action clock is 15 s by default)");
        }
        double ramp = doubleOf(v, "--ramp", 50, 0.1, 100_000);
        boolean seedGiven = v.containsKey("--seed");
        long seed = seedGiven ? longOf(v, "--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong();
        Duration warmup = durationOf(v, "--warmup", Duration.ofSeconds(Math.min(10, duration.toSeconds() / 4)));
        if (warmup.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--warmup must be shorter than --duration");
        }
        double sloP99 = doubleOf(v, "--slo-p99-ms", 200, 0.001, 3_600_000);
        double sloErrors = doubleOf(v, "--slo-error-rate", 0.01, 0, 1);
        int progress = (int) longOf(v, "--progress", 1, 0, 3600);

        int step = (int) longOf(v, "--step", Math.max(1, Math.min(100, players / 10)), 1, MAX_PLAYERS);
        if (step > players) {
            throw new IllegalArgumentException("--step must not exceed --players (" + players + ")");
        }
        Duration stepDuration = durationOf(v, "--step-duration", Duration.ofSeconds(20));
        if (stepDuration.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("--step-duration must be at least 2 s");
        }
        double goal = doubleOf(v, "--goal-p99-ms", 50, 0.001, 3_600_000);

        Duration within = durationOf(v, "--within", Duration.ofSeconds(5));
        Duration hold = durationOf(v, "--hold", Duration.ofSeconds(10));
        if (scenario == Scenario.STORM) {
            if (within.isZero() || within.isNegative()) {
                throw new IllegalArgumentException("--within must be more than 0");
            }
            if (within.plus(hold).compareTo(duration) > 0) {
                throw new IllegalArgumentException("--within + --hold (" + seconds(within.plus(hold))
                        + ") must fit in --duration (" + seconds(duration) + ")");
            }
        }

        String kill = v.get("--kill-command");
        String restart = v.get("--restart-command");
        Duration killAt = durationOf(v, "--kill-at", duration.dividedBy(3));
        Duration restartAfter = durationOf(v, "--restart-after", Duration.ZERO);
        if (scenario == Scenario.FAILOVER) {
            if (kill == null || kill.isBlank()) {
                throw new IllegalArgumentException("failover needs --kill-command \"CMD\" (a shell command that kills"
                        + " a node, e.g. \"kill -9 $(cat node.pid)\")");
            }
            if (killAt.compareTo(duration) >= 0) {
                throw new IllegalArgumentException("--kill-at must be before the end of --duration");
            }
        } else if (kill != null || restart != null || v.containsKey("--kill-at") || v.containsKey("--restart-after")) {
            throw new IllegalArgumentException("--kill-command, --kill-at, --restart-command and --restart-after"
                    + " belong to the failover scenario");
        }
        return new LoadOptions(scenario, List.copyOf(urls), players, duration, json, html, seats, think, ramp, seed,
                seedGiven, warmup, sloP99, sloErrors, progress, step, stepDuration, goal, within, hold, kill, killAt,
                restart, restartAfter);
    }

    static URI parseUrl(String value) {
        return WsUrls.parse(value);
    }

    private static Path pathOf(Map<String, String> v, String key, String dflt) {
        String s = v.getOrDefault(key, dflt);
        if (s.isBlank() || s.equals("none")) {
            return null;
        }
        return Path.of(s);
    }

    private static long longOf(Map<String, String> v, String key, long dflt, long min, long max) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        long x;
        try {
            x = Long.parseLong(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a whole number, not '" + s + "'");
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max + ", not " + x);
        }
        return x;
    }

    private static double doubleOf(Map<String, String> v, String key, double dflt, double min, double max) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        double x;
        try {
            x = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a number, not '" + s + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max + ", not " + s);
        }
        return x;
    }

    private static Duration durationOf(Map<String, String> v, String key, Duration dflt) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            return Duration.ofMillis(parseMillis(s, "s"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " needs a duration such as 60, 60s, 500ms, 2m or 1h, not '" + s + "'");
        }
    }

    /** {@code 60}, {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1.5s}; a bare number is in {@code unit}. */
    static long parseMillis(String text, String unit) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String u = unit;
        for (String suffix : new String[] {"ms", "s", "m", "h"}) {
            if (t.endsWith(suffix) && t.length() > suffix.length()
                    && Character.isDigit(t.charAt(t.length() - suffix.length() - 1))) {
                u = suffix;
                t = t.substring(0, t.length() - suffix.length());
                break;
            }
        }
        double n;
        try {
            n = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        if (!(n >= 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        double ms = switch (u) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> throw new IllegalStateException(u);
        };
        if (ms > 1e13) {
            throw new IllegalArgumentException("too long: " + text);
        }
        return Math.round(ms);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The settings as they go into the reports. */
    Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.id());
        m.put("urls", urls.stream().map(URI::toString).toList());
        m.put(scenario == Scenario.STORM ? "connections" : "players", players);
        m.put("durationSeconds", duration.toMillis() / 1000.0);
        if (scenario != Scenario.STORM) {
            m.put("seatsPerTable", seats);
            m.put("thinkMs", think.toString());
            m.put("rampPerSecond", ramp);
        }
        m.put("seed", seed);
        switch (scenario) {
            case CAPACITY -> {
                m.put("stepPlayers", step);
                m.put("stepSeconds", stepDuration.toMillis() / 1000.0);
                m.put("goalP99Ms", goalP99Ms);
            }
            case THROUGHPUT -> m.put("warmupSeconds", warmup.toMillis() / 1000.0);
            case STORM -> {
                m.put("withinSeconds", within.toMillis() / 1000.0);
                m.put("holdSeconds", hold.toMillis() / 1000.0);
            }
            case FAILOVER -> {
                m.put("killCommand", killCommand);
                m.put("killAtSeconds", killAt.toMillis() / 1000.0);
                if (restartCommand != null) {
                    m.put("restartCommand", restartCommand);
                    m.put("restartAfterSeconds", restartAfter.toMillis() / 1000.0);
                }
            }
        }
        m.put("sloP99Ms", sloP99Ms);
        m.put("sloErrorRate", sloErrorRate);
        return m;
    }
}
