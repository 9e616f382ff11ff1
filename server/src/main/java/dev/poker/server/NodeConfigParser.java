package dev.poker.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link NodeConfig} from command-line flags ({@code --port 8080} or {@code --port=8080}),
 * then environment variables ({@code POKER_PORT}), then defaults. Every setting has both forms; the
 * flag is the variable's name without {@code POKER_}, lower case, dashes for underscores.
 *
 * <p>Concurrency: stateless.
 */
public final class NodeConfigParser {
    private NodeConfigParser() {}

    /** One setting: its environment variable, default and meaning (for --help and README). */
    public record Setting(String env, String defaultValue, String help) {
        public String flag() {
            return "--" + env.substring("POKER_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("POKER_HOST", "0.0.0.0", "address to listen on"),
            new Setting("POKER_PORT", "8080", "HTTP and WebSocket port (0: any free port)"),
            new Setting("POKER_NODE_ID", "", "node id in the cluster and /health; empty: host-port"),
            new Setting("POKER_TOKEN_SECRET", "", "HMAC secret of session tokens, 16+ chars; nodes of a cluster share it; empty: random, kept in the data dir"),
            new Setting("POKER_TOKEN_LIFETIME_SECONDS", "604800", "how long a session token resumes an account"),
            new Setting("POKER_GUEST_BALANCE", "100000", "play-money balance of a new guest account"),
            new Setting("POKER_MAX_FRAME_BYTES", "16384", "largest WebSocket frame; larger closes the connection with 1009"),
            new Setting("POKER_RATE_LIMIT", "20", "messages per second per connection"),
            new Setting("POKER_RATE_BURST", "40", "burst above the rate"),
            new Setting("POKER_ABUSE_LIMIT", "200", "rate-limited messages within 10 s that close the connection (1008)"),
            new Setting("POKER_WRITE_HIGH_WATER_MARK", "262144", "outbound bytes queued before a client counts as a slow reader"),
            new Setting("POKER_SLOW_READER_GRACE_MS", "5000", "time a client may stay over the high-water mark"),
            new Setting("POKER_HAND_DELAY_MS", "2000", "pause between hands"),
            new Setting("POKER_SIT_OUT_REMOVE_MS", "300000", "a player sitting out this long leaves, chips back to the balance"),
            new Setting("POKER_MAX_CONNECTIONS", "50000", "WebSocket connections at once (more get 503)"),
            new Setting("POKER_MAX_TABLES", "5000", "tables this node runs at once"),
            new Setting("POKER_REVEAL_DECKS", "false", "send deck and salt to clients when a hand ends (reveals mucked hands)"),
            new Setting("POKER_DB_URL", "", "JDBC URL of PostgreSQL (empty: embedded H2 under the data dir)"),
            new Setting("POKER_DB_USER", "", "database user"),
            new Setting("POKER_DB_PASSWORD", "", "database password"),
            new Setting("POKER_DATA_DIR", "data", "directory of the embedded database and node files"),
            new Setting("POKER_REDIS_URL", "", "Redis of the cluster, e.g. redis://10.0.0.5:6379 (empty: standalone node)"),
            new Setting("POKER_ADVERTISE_ADDRESS", "", "host:port other nodes and operators reach this node at (empty: host:port)"),
            new Setting("POKER_LEASE_TTL_MS", "2000", "table lease lifetime; a dead node's tables move after at most this"),
            new Setting("POKER_HEARTBEAT_TTL_MS", "2000", "a node whose heartbeat is older than this is dead"),
            new Setting("POKER_FORWARD_TIMEOUT_MS", "2000", "how long a command forwarded to a table's owner waits for its answer"),
            new Setting("POKER_DRAIN_DEADLINE_MS", "20000", "drain: tables still in a hand after this move at once (replayed mid-hand)"),
            new Setting("POKER_ADMIN_TOKEN", "", "bearer token of POST /admin/drain (empty: admin endpoints refused)"));

    /** Parses flags over environment over defaults. */
    public static NodeConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Setting> byFlag = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            values.put(s.env(), env.getOrDefault(s.env(), s.defaultValue()));
            byFlag.put(s.flag(), s);
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Setting s = byFlag.get(flag);
            if (s == null) {
                rest.add(a);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            values.put(s.env(), value);
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unknown argument '" + rest.get(0) + "' (see --help)");
        }
        int port = integer(values, "POKER_PORT", 0, 65_535);
        String host = values.get("POKER_HOST");
        String nodeId = values.get("POKER_NODE_ID");
        if (nodeId.isEmpty()) {
            nodeId = hostName() + "-" + port;
        }
        return new NodeConfig(host, port, nodeId, values.get("POKER_TOKEN_SECRET"),
                longValue(values, "POKER_TOKEN_LIFETIME_SECONDS", 60, 365L * 24 * 3600),
                longValue(values, "POKER_GUEST_BALANCE", 0, Long.MAX_VALUE / 1024),
                integer(values, "POKER_MAX_FRAME_BYTES", 1024, 1 << 20),
                integer(values, "POKER_RATE_LIMIT", 1, 100_000),
                integer(values, "POKER_RATE_BURST", 1, 100_000),
                integer(values, "POKER_ABUSE_LIMIT", 1, 1_000_000),
                integer(values, "POKER_WRITE_HIGH_WATER_MARK", 8 * 1024, 64 << 20),
                longValue(values, "POKER_SLOW_READER_GRACE_MS", 0, 600_000),
                longValue(values, "POKER_HAND_DELAY_MS", 0, 600_000),
                longValue(values, "POKER_SIT_OUT_REMOVE_MS", 1_000, 86_400_000),
                integer(values, "POKER_MAX_CONNECTIONS", 1, 10_000_000),
                integer(values, "POKER_MAX_TABLES", 1, 10_000_000),
                bool(values, "POKER_REVEAL_DECKS"),
                values.get("POKER_DB_URL"), values.get("POKER_DB_USER"),
                values.get("POKER_DB_PASSWORD"), values.get("POKER_DATA_DIR"), cluster(values, host, port));
    }

    private static ClusterSettings cluster(Map<String, String> values, String host, int port) {
        String redis = values.get("POKER_REDIS_URL").trim();
        if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            throw new IllegalArgumentException("POKER_REDIS_URL must start with redis:// or rediss://, got '" + redis
                    + "'");
        }
        String advertise = values.get("POKER_ADVERTISE_ADDRESS").trim();
        if (advertise.isEmpty()) {
            advertise = (host.equals("0.0.0.0") || host.equals("::") ? hostName() : host) + ":" + port;
        }
        String admin = values.get("POKER_ADMIN_TOKEN");
        if (!admin.isEmpty() && admin.length() < 16) {
            throw new IllegalArgumentException("POKER_ADMIN_TOKEN must be at least 16 characters");
        }
        return new ClusterSettings(redis, advertise, longValue(values, "POKER_LEASE_TTL_MS", 1_500, 60_000),
                longValue(values, "POKER_HEARTBEAT_TTL_MS", 500, 60_000),
                longValue(values, "POKER_FORWARD_TIMEOUT_MS", 100, 120_000),
                longValue(values, "POKER_DRAIN_DEADLINE_MS", 0, 3_600_000), admin);
    }

    /** Usage text listing every setting. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Setting s : SETTINGS) {
            sb.append(String.format("  %-32s %-30s %s (default: %s)%n", s.flag() + " V", s.env(), s.help(),
                    s.defaultValue().isEmpty() ? "empty" : s.defaultValue()));
        }
        return sb.toString();
    }

    private static int integer(Map<String, String> v, String key, int min, int max) {
        return (int) longValue(v, key, min, max);
    }

    private static long longValue(Map<String, String> v, String key, long min, long max) {
        String raw = v.get(key).trim();
        long n;
        try {
            n = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static boolean bool(Map<String, String> v, String key) {
        String raw = v.get(key).trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + raw + "'");
        };
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "node";
        }
    }
}
