package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POKER_LOG_FORMAT=json}: a node process plays a few hands with two players at DEBUG level and is
 * stopped with SIGTERM; every line it wrote (stdout and stderr, start to exit) is one JSON object with
 * timestamp, level, logger, thread, message and node, and the table actor's lines carry the table and hand.
 */
class JsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyLineANodeWritesIsOneJsonObjectWithItsContext() throws Exception {
        Path dir = Path.of("target", "json-log-it").toAbsolutePath();
        if (Files.isDirectory(dir)) {
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("POKER_LOG_FORMAT", "json");
        env.put("POKER_LOG_LEVEL", "DEBUG");
        env.put("POKER_DATA_DIR", dir.resolve("data").toString());
        env.put("POKER_HAND_DELAY_MS", "50");
        env.put("POKER_RATE_LIMIT", "1000");
        env.put("POKER_RATE_BURST", "1000");
        int port = NodeProcess.freePort();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "json-log-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ResilientPlayer> players = new ArrayList<>();
        String nodeId = "json-log-node";
        try (NodeProcess node = NodeProcess.start(nodeId, port, env, dir)) {
            node.awaitHealthy(Duration.ofSeconds(60));
            for (int s = 0; s < 2; s++) {
                ResilientPlayer p = new ResilientPlayer("json" + s, () -> port, () -> 1, pool, 42 + s, http);
                p.connectAsGuest();
                players.add(p);
            }
            String table = players.get(0).createTable("json logs");
            for (int s = 0; s < 2; s++) {
                players.get(s).sit(table, s, 1_000);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (handsEnded(players) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(handsEnded(players)).as("hands played").isGreaterThanOrEqualTo(3);
            players.forEach(ResilientPlayer::close);
            assertThat(node.stop(Duration.ofSeconds(30))).as("exit status after SIGTERM")
                    .isIn(0, NodeProcess.TERMINATED);

            List<JsonNode> events = parseEveryLine(node.log, nodeId);
            assertThat(events).as("the start line").anySatisfy(e -> assertThat(e.get("message").asText())
                    .startsWith("poker node " + nodeId + " listening on ws://"));
            assertThat(events).as("a hand's end, logged by the table actor with its table and hand")
                    .anySatisfy(e -> {
                        assertThat(e.get("logger").asText()).endsWith("BatchPublisher");
                        assertThat(e.path("table").asText()).isEqualTo(table);
                        assertThat(e.path("hand").asLong()).isPositive();
                        assertThat(e.get("message").asText()).startsWith("hand " + e.path("hand").asText() + " ended");
                    });
            assertThat(events).as("the stop line").anySatisfy(e -> assertThat(e.get("message").asText())
                    .isEqualTo("node " + nodeId + " stopped"));
            System.out.println("JsonLogIT: " + events.size() + " lines; one of them: "
                    + events.stream().filter(e -> e.has("table")).findFirst().orElseThrow());
        } finally {
            players.forEach(ResilientPlayer::close);
            pool.shutdownNow();
        }
    }

    private static long handsEnded(List<ResilientPlayer> players) {
        long max = 0;
        for (ResilientPlayer p : players) {
            synchronized (p) {
                max = Math.max(max, p.seen.values().stream().filter(v -> v.startsWith("HandEnded")).count());
            }
        }
        return max;
    }

    /**
     * Every line of a node's output as JSON: one object per line with timestamp (ISO-8601), level, logger,
     * thread, message and the node's id, and a stack trace in {@code exception} when there is one.
     */
    static List<JsonNode> parseEveryLine(Path log, String nodeId) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the output of %s", nodeId).isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (java.io.IOException ex) {
                throw new AssertionError(nodeId + ": not JSON: " + line, ex);
            }
            assertThat(e.isObject()).as("one object per line: %s", line).isTrue();
            for (String field : List.of("timestamp", "level", "logger", "thread", "message", "node")) {
                assertThat(e.hasNonNull(field)).as("%s in %s", field, line).isTrue();
            }
            Instant.parse(e.get("timestamp").asText());
            assertThat(e.get("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(e.get("node").asText()).isEqualTo(nodeId);
            if (e.has("exception")) {
                assertThat(e.get("exception").asText()).as("a stack trace").contains("\tat ");
            }
            events.add(e);
        }
        return events;
    }
}
