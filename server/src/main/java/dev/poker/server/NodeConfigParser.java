package dev.poker.server;

import dev.poker.cli.common.CommandLines;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The node's settings on the command line: each is a picocli option ({@code --port 8080} or
 * {@code --port=8080}) whose value, when the flag is not given, comes from the environment
 * ({@code POKER_PORT}), then from its default. The flag is the variable's name without {@code POKER_}, lower
 * case, dashes for underscores. {@link #read} checks the values and builds the {@link NodeConfig}.
 *
 * <p>Concurrency: stateless.
 */
public final class NodeConfigParser {
    private NodeConfigParser() {}

    /** One setting: its environment variable, default, value label and meaning (for --help and README). */
    public record Setting(String env, String defaultValue, String label, String help) {
        public String flag() {
            return flagOf(env);
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("POKER_HOST", "0.0.0.0", "ADDR", "address to listen on"),
            new Setting("POKER_PORT", "8080", "N", "HTTP and WebSocket port (0: any free port)"),
            new Setting("POKER_NODE_ID", "", "ID", "node id in the cluster and /health; empty: host-port"),
            new Setting("POKER_TOKEN_SECRET", "", "TEXT", "HMAC secret of session tokens, 16+ chars; nodes of a cluster share it; empty: random, kept in the data dir"),
            new Setting("POKER_TOKEN_LIFETIME_SECONDS", "604800", "S", "how long a session token resumes an account"),
            new Setting("POKER_GUEST_BALANCE", "100000", "CHIPS", "play-money balance of a new guest account"),
            new Setting("POKER_MAX_FRAME_BYTES", "16384", "BYTES", "largest WebSocket frame; larger closes the connection with 1009"),
            new Setting("POKER_RATE_LIMIT", "20", "N", "messages per second per connection"),
            new Setting("POKER_RATE_BURST", "40", "N", "burst above the rate"),
            new Setting("POKER_ABUSE_LIMIT", "200", "N", "rate-limited messages within 10 s that close the connection (1008)"),
            new Setting("POKER_WRITE_HIGH_WATER_MARK", "262144", "BYTES", "outbound bytes queued before a client counts as a slow reader"),
            new Setting("POKER_SLOW_READER_GRACE_MS", "5000", "MS", "time a client may stay over the high-water mark"),
            new Setting("POKER_HAND_DELAY_MS", "2000", "MS", "pause between hands"),
            new Setting("POKER_SIT_OUT_REMOVE_MS", "300000", "MS", "a player sitting out this long leaves, chips back to the balance"),
            new Setting("POKER_MAX_CONNECTIONS", "50000", "N", "WebSocket connections at once (more get 503)"),
            new Setting("POKER_MAX_TABLES", "5000", "N", "tables this node runs at once"),
            new Setting("POKER_REVEAL_DECKS", "false", "BOOL", "send deck and salt to clients when a hand ends (reveals mucked hands)"),
            new Setting("POKER_DB_URL", "", "URL", "JDBC URL of PostgreSQL (empty: embedded H2 under the data dir)"),
            new Setting("POKER_DB_USER", "", "USER", "database user"),
            new Setting("POKER_DB_PASSWORD", "", "PASSWORD", "database password"),
            new Setting("POKER_DATA_DIR", "data", "DIR", "directory of the embedded database and node files"),
            new Setting("POKER_UNSAFE_DURABILITY", "false", "BOOL", "start on a database that does not flush commits (fsync off) and keep its synchronous_commit: acknowledged actions may be lost in a crash (throwaway setups only)"),
            new Setting("POKER_REDIS_URL", "", "URL", "Redis of the cluster, e.g. redis://10.0.0.5:6379 (empty: standalone node)"),
            new Setting("POKER_ADVERTISE_ADDRESS", "", "HOST:PORT", "host:port other nodes and operators reach this node at (empty: host:port)"),
            new Setting("POKER_LEASE_TTL_MS", "2000", "MS", "table lease lifetime; a dead node's tables move after at most this"),
            new Setting("POKER_HEARTBEAT_TTL_MS", "2000", "MS", "a node whose heartbeat is older than this is dead"),
            new Setting("POKER_FORWARD_TIMEOUT_MS", "2000", "MS", "how long a command forwarded to a table's owner waits for its answer"),
            new Setting("POKER_DRAIN_DEADLINE_MS", "20000", "MS", "drain: tables still in a hand after this move at once (replayed mid-hand)"),
            new Setting("POKER_OUTAGE_CLOCK_HOLD_MS", "60000", "MS", "while Redis is unreachable, the clock of a player to act who is not connected to the table's node holds for up to this long (0: never)"),
            new Setting("POKER_ADMIN_TOKEN", "", "TOKEN", "bearer token of POST /admin/drain (empty: admin endpoints refused)"),
            new Setting("POKER_LOG_FORMAT", "text", "FORMAT", "log format: text, or json (one JSON object per line)"),
            new Setting("POKER_TRACING", "off", "BOOL", "OpenTelemetry traces, exported as the OTEL_* variables say (OTLP by default)"));

    /** The settings of the database alone ({@code ./poker ledger check}). */
    public static final List<Setting> DATABASE = SETTINGS.stream()
            .filter(s -> s.env().startsWith("POKER_DB_") || s.env().equals("POKER_DATA_DIR")
                    || s.env().equals("POKER_UNSAFE_DURABILITY")).toList();

    /** Adds an option for each setting to {@code command}; a flag not given takes its value from {@code env}. */
    public static void addOptions(CommandSpec command, Collection<Setting> settings, Map<String, String> env) {
        for (Setting s : settings) {
            command.addOption(OptionSpec.builder(s.flag()).paramLabel(s.label()).type(String.class).arity("1")
                    .defaultValue(s.defaultValue())
                    .description(s.help(), "env " + s.env() + ", default: "
                            + (s.defaultValue().isEmpty() ? "empty" : s.defaultValue()))
                    .build());
        }
        command.defaultValueProvider(new EnvironmentDefaults(env));
    }

    /** Parses flags over environment over defaults (every setting). */
    public static NodeConfig parse(String[] args, Map<String, String> env) {
        CommandSpec command = CommandSpec.create().name("serve");
        addOptions(command, SETTINGS, env);
        CommandLines.parse(new CommandLine(command), args);
        return read(command);
    }

    /** The value of one setting of a parsed command: the flag, else the environment, else the default. */
    public static String text(CommandSpec parsed, String env) {
        Setting s = SETTINGS.stream().filter(x -> x.env().equals(env)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no setting " + env));
        OptionSpec o = parsed.findOption(s.flag());
        if (o == null) {
            throw new IllegalStateException(parsed.name() + " has no option " + s.flag());
        }
        String v = o.getValue();
        return v == null ? s.defaultValue() : v;
    }

    /** Whether the node exports traces ({@code POKER_TRACING}; IllegalArgumentException when not a boolean). */
    public static boolean tracing(CommandSpec parsed) {
        return new Values(parsed).bool("POKER_TRACING");
    }

    /** The configuration of a command parsed with every setting, checked (IllegalArgumentException for people). */
    public static NodeConfig read(CommandSpec parsed) {
        Values values = new Values(parsed);
        int port = values.integer("POKER_PORT", 0, 65_535);
        String host = values.text("POKER_HOST");
        String nodeId = values.text("POKER_NODE_ID");
        if (nodeId.isEmpty()) {
            nodeId = hostName() + "-" + port;
        }
        return new NodeConfig(host, port, nodeId, values.text("POKER_TOKEN_SECRET"),
                values.whole("POKER_TOKEN_LIFETIME_SECONDS", 60, 365L * 24 * 3600),
                values.whole("POKER_GUEST_BALANCE", 0, Long.MAX_VALUE / 1024),
                values.integer("POKER_MAX_FRAME_BYTES", 1024, 1 << 20),
                values.integer("POKER_RATE_LIMIT", 1, 100_000),
                values.integer("POKER_RATE_BURST", 1, 100_000),
                values.integer("POKER_ABUSE_LIMIT", 1, 1_000_000),
                values.integer("POKER_WRITE_HIGH_WATER_MARK", 8 * 1024, 64 << 20),
                values.whole("POKER_SLOW_READER_GRACE_MS", 0, 600_000),
                values.whole("POKER_HAND_DELAY_MS", 0, 600_000),
                values.whole("POKER_SIT_OUT_REMOVE_MS", 1_000, 86_400_000),
                values.integer("POKER_MAX_CONNECTIONS", 1, 10_000_000),
                values.integer("POKER_MAX_TABLES", 1, 10_000_000),
                values.bool("POKER_REVEAL_DECKS"),
                values.text("POKER_DB_URL"), values.text("POKER_DB_USER"),
                values.text("POKER_DB_PASSWORD"), values.text("POKER_DATA_DIR"), values.bool("POKER_UNSAFE_DURABILITY"),
                cluster(values, host, port));
    }

    private static ClusterSettings cluster(Values values, String host, int port) {
        String redis = values.text("POKER_REDIS_URL").trim();
        if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            throw new IllegalArgumentException(values.name("POKER_REDIS_URL")
                    + " must start with redis:// or rediss://, got '" + redis + "'");
        }
        String advertise = values.text("POKER_ADVERTISE_ADDRESS").trim();
        if (advertise.isEmpty()) {
            advertise = (host.equals("0.0.0.0") || host.equals("::") ? hostName() : host) + ":" + port;
        }
        String admin = values.text("POKER_ADMIN_TOKEN");
        if (!admin.isEmpty() && admin.length() < 16) {
            throw new IllegalArgumentException(values.name("POKER_ADMIN_TOKEN") + " must be at least 16 characters");
        }
        return new ClusterSettings(redis, advertise, values.whole("POKER_LEASE_TTL_MS", 1_500, 60_000),
                values.whole("POKER_HEARTBEAT_TTL_MS", 500, 60_000),
                values.whole("POKER_FORWARD_TIMEOUT_MS", 100, 120_000),
                values.whole("POKER_DRAIN_DEADLINE_MS", 0, 3_600_000), admin,
                values.whole("POKER_OUTAGE_CLOCK_HOLD_MS", 0, 600_000));
    }

    /** The parsed values, converted and range-checked; messages name the flag and the variable. */
    private record Values(CommandSpec parsed) {
        String text(String env) {
            return NodeConfigParser.text(parsed, env);
        }

        String name(String env) {
            return flagOf(env) + " (" + env + ")";
        }

        int integer(String env, int min, int max) {
            return (int) whole(env, min, max);
        }

        long whole(String env, long min, long max) {
            String raw = text(env).trim();
            long n;
            try {
                n = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(env) + " must be a whole number, got '" + raw + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(name(env) + " must be between " + min + " and " + max + ", got "
                        + n);
            }
            return n;
        }

        boolean bool(String env) {
            String raw = text(env).trim().toLowerCase(Locale.ROOT);
            return switch (raw) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off", "" -> false;
                default -> throw new IllegalArgumentException(name(env) + " must be true or false, got '" + raw
                        + "'");
            };
        }
    }

    /** The flag of a variable: {@code POKER_SIT_OUT_REMOVE_MS} is {@code --sit-out-remove-ms}. */
    static String flagOf(String env) {
        return "--" + env.substring("POKER_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variable of a flag: {@code --port} reads {@code POKER_PORT}. */
    static String variableOf(String flag) {
        return "POKER_" + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The value of a setting whose flag is not given: its environment variable; null, so that picocli falls
     * back to the option's default, when the variable is not set.
     */
    private record EnvironmentDefaults(Map<String, String> env) implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec o && !o.usageHelp() && o.longestName().startsWith("--")) {
                return env.get(variableOf(o.longestName()));
            }
            return null;
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "node";
        }
    }
}
