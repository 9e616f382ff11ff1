package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poker.registry.TestRedis;
import dev.poker.server.store.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped monitoring against a real Prometheus: two cluster nodes (the test's PostgreSQL, a private Redis)
 * play under bots whose tables sit across both nodes (so requests are forwarded); a throwaway Prometheus
 * scrapes them every second and evaluates deploy/prometheus/*.rules.yml. Every rule loads and evaluates
 * without error, every recording rule and every expression of every panel of deploy/grafana/dashboards returns
 * data through the HTTP API, and no dashboard names a metric that neither the nodes nor the rules produce.
 */
class PrometheusDashboardsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset");
    /** Series Prometheus makes itself. */
    private static final Set<String> BUILT_IN = Set.of("ALERTS", "ALERTS_FOR_STATE", "up");

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void everyDashboardPanelAndRecordingRuleReturnsDataFromARealPrometheus() throws Exception {
        Path deploy = Stream.of(Path.of("..", "deploy"), Path.of("deploy")).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new AssertionError("deploy/ not found from " + Path.of("").toAbsolutePath()));
        List<Path> rules;
        try (Stream<Path> s = Files.list(deploy.resolve("prometheus"))) {
            rules = s.filter(p -> p.toString().endsWith(".rules.yml")).sorted().toList();
        }
        Map<String, String> panels = panelExpressions(deploy.resolve("grafana").resolve("dashboards"));
        assertThat(metricsOf("sum by (le) (rate(a_bucket{job=\"poker\",le=\"0.2\"}[5m])) / on (x) b_total > 2e9"
                + " or vector(0) and ALERTS")).as("the metric names of an expression").containsExactly("ALERTS",
                "a_bucket", "b_total");
        assertThat(rules).as("rule files").hasSize(2);
        assertThat(panels).as("panel expressions").hasSizeGreaterThan(20);

        Path dir = Path.of("target", "prometheus-it").toAbsolutePath();
        deleteTree(dir);
        Map<String, String> env = new HashMap<>(TestDatabases.postgres());
        env.put("POKER_TOKEN_SECRET", "prometheus-it-token-secret-0123456789");
        env.put("POKER_HAND_DELAY_MS", "100");
        env.put("POKER_RATE_LIMIT", "1000");
        env.put("POKER_RATE_BURST", "1000");
        env.put("POKER_LOG_FORMAT", "json"); // and every line the cluster nodes write is checked as JSON
        env.put("POKER_DRAIN_DEADLINE_MS", "500");
        // this test is about monitoring, not failover: long leases and forward timeouts keep tables still on a
        // loaded machine
        env.put("POKER_LEASE_TTL_MS", "8000");
        env.put("POKER_HEARTBEAT_TTL_MS", "8000");
        env.put("POKER_FORWARD_TIMEOUT_MS", "8000");
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "prometheus-it-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ResilientPlayer> players = new ArrayList<>();
        try (TestRedis redis = TestRedis.startPrivate()) {
            env.put("POKER_REDIS_URL", redis.url());
            int port1 = NodeProcess.freePort();
            int port2 = NodeProcess.freePort();
            try (NodeProcess n1 = NodeProcess.start("prom-1", port1, env, dir);
                    NodeProcess n2 = NodeProcess.start("prom-2", port2, env, dir)) {
                n1.awaitHealthy(Duration.ofSeconds(90));
                n2.awaitHealthy(Duration.ofSeconds(90));
                try (TestPrometheus prometheus = TestPrometheus.start(dir.resolve("prometheus"),
                        List.of("127.0.0.1:" + port1, "127.0.0.1:" + port2), rules)) {
                    for (int t = 0; t < 2; t++) {
                        List<ResilientPlayer> atTable = new ArrayList<>();
                        for (int s = 0; s < 2; s++) {
                            int port = s == 0 ? port1 : port2; // one player per node: one of them is forwarded
                            ResilientPlayer p = new ResilientPlayer("prom" + t + s, () -> port, () -> 1, pool,
                                    7 * t + s, http);
                            p.connectAsGuest();
                            atTable.add(p);
                            players.add(p);
                        }
                        String name = "prometheus " + t;
                        String table = retried(() -> atTable.get(0).createTable(name));
                        for (int s = 0; s < 2; s++) {
                            ResilientPlayer p = atTable.get(s);
                            int seat = s;
                            retried(() -> {
                                p.sit(table, seat, 1_000);
                                return table;
                            });
                        }
                    }
                    checkEverything(prometheus, panels);
                }
                players.forEach(ResilientPlayer::close);
                for (NodeProcess n : List.of(n2, n1)) {
                    assertThat(n.stop(Duration.ofSeconds(40))).as("%s after SIGTERM", n.nodeId)
                            .isIn(0, NodeProcess.TERMINATED);
                    assertThat(JsonLogIT.parseEveryLine(n.log, n.nodeId)).as("%s's JSON log", n.nodeId)
                            .anySatisfy(e -> assertThat(e.get("message").asText()).startsWith("draining"));
                }
            } finally {
                players.forEach(ResilientPlayer::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A setup request of {@link ResilientPlayer}, sent again while it is refused with a retryable error. */
    private static String retried(java.util.concurrent.Callable<String> request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.call();
            } catch (AssertionError e) {
                if (attempt == 5 || e.getMessage() == null || !e.getMessage().contains("retryable=true")) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Waits until every recording rule and panel has data (or fails naming those without), then checks names. */
    private static void checkEverything(TestPrometheus prometheus, Map<String, String> panels) throws Exception {
        JsonNode groups = prometheus.api("rules").get("groups");
        List<String> recorded = new ArrayList<>();
        int alerts = 0;
        for (JsonNode g : groups) {
            for (JsonNode r : g.get("rules")) {
                if ("recording".equals(r.path("type").asText())) {
                    recorded.add(r.get("name").asText());
                } else {
                    alerts++;
                }
            }
        }
        assertThat(recorded).as("recording rules loaded").hasSizeGreaterThan(20);
        assertThat(alerts).as("alerting rules loaded").isGreaterThanOrEqualTo(18);
        Map<String, String> expressions = new LinkedHashMap<>();
        recorded.forEach(r -> expressions.put("recording rule " + r, r));
        expressions.putAll(panels);

        Set<String> empty = new TreeSet<>(expressions.keySet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
        while (!empty.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            for (String what : List.copyOf(empty)) {
                if (!prometheus.query(expressions.get(what)).isEmpty()) {
                    empty.remove(what);
                }
            }
        }
        assertThat(empty).as("expressions without data after the bots played (Prometheus in %s)", prometheus.dir)
                .isEmpty();

        for (JsonNode g : prometheus.api("rules").get("groups")) {
            for (JsonNode r : g.get("rules")) {
                assertThat(r.path("health").asText()).as("rule %s: %s", r.get("name").asText(),
                        r.path("lastError").asText()).isEqualTo("ok");
            }
        }

        Set<String> known = new TreeSet<>(prometheus.metricNames());
        known.addAll(BUILT_IN);
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> p : panels.entrySet()) {
            for (String metric : metricsOf(p.getValue())) {
                if (!known.contains(metric)) {
                    unknown.add(metric + " (" + p.getKey() + ")");
                }
            }
        }
        assertThat(unknown).as("metrics the dashboards use that no node exports and no rule records").isEmpty();
        System.out.printf("PrometheusDashboardsIT: %d recording rules, %d alerts, %d panel expressions, all with data%n",
                recorded.size(), alerts, panels.size());
    }

    /** Every panel target's expression of every dashboard, by "dashboard / panel / refId". */
    private static Map<String, String> panelExpressions(Path dashboards) throws Exception {
        Map<String, String> exprs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = JSON.readTree(f.toFile());
                for (JsonNode panel : d.get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        exprs.put(d.get("title").asText() + " / " + panel.get("title").asText() + " / "
                                + target.get("refId").asText(), target.get("expr").asText());
                    }
                }
            }
        }
        return exprs;
    }

    /** The metric names a PromQL expression reads (not functions, keywords, labels, strings or numbers). */
    static Set<String> metricsOf(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        s = NUMBER.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
