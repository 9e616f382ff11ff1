package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisMembershipIT {
    private RedisConnections redis;
    private String ns;

    @BeforeEach
    void connect() {
        redis = RedisConnections.connect(TestRedis.sharedUrl());
        ns = TestRedis.uniqueNamespace();
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    private static NodeInfo node(String id, int tables, int connections, boolean draining) {
        return new NodeInfo(id, "10.0.0." + id.length() + ":8080", tables, connections, draining,
                Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    @Test
    void heartbeatKeysCarryTheNodeAndExpire() throws Exception {
        RedisMembership m = new RedisMembership(redis, Duration.ofMillis(400), ns);
        NodeInfo n1 = node("n1", 3, 30, false);
        m.heartbeat(n1);
        RedisCommands<String, String> raw = redis.commands().sync();
        assertThat(raw.get(ns + ":node:n1")).isEqualTo(n1.encode());
        assertThat(raw.pttl(ns + ":node:n1")).isBetween(1L, 400L);
        assertThat(m.live()).containsExactly(n1);
        assertThat(m.isLive("n1")).isTrue();

        TestRedis.awaitUntil(Duration.ofSeconds(3), () -> !m.isLive("n1"), "n1's heartbeat to expire");
        assertThat(m.live()).isEmpty();
        assertThat(raw.smembers(ns + ":nodes")).isEmpty(); // pruned
    }

    @Test
    @SuppressWarnings("try") // the heartbeats work in the background of the try block
    void placementChoosesTheLeastLoadedLiveNode() throws Exception {
        RedisMembership m = new RedisMembership(redis, Duration.ofMillis(400), ns);
        AtomicInteger busyTables = new AtomicInteger(5);
        try (NodeHeartbeat busy = new NodeHeartbeat(m, () -> node("busy", busyTables.get(), 50, false),
                Duration.ofMillis(100)).start();
                NodeHeartbeat light = new NodeHeartbeat(m, () -> node("light", 2, 10, false),
                        Duration.ofMillis(100)).start();
                NodeHeartbeat draining = new NodeHeartbeat(m, () -> node("draining", 0, 0, true),
                        Duration.ofMillis(100)).start()) {
            m.heartbeat(node("dead", 0, 0, false)); // never again: it dies after the TTL
            TestRedis.awaitUntil(Duration.ofSeconds(3), () -> m.live().size() == 4, "four live nodes");
            assertThat(LeastLoadedPlacement.INSTANCE.choose(m.live())).contains("dead");

            TestRedis.awaitUntil(Duration.ofSeconds(3), () -> !m.isLive("dead"), "the dead node to expire");
            assertThat(m.live()).extracting(NodeInfo::nodeId).containsExactly("busy", "draining", "light");
            assertThat(LeastLoadedPlacement.INSTANCE.choose(m.live())).contains("light");

            busyTables.set(1); // load changes reach placement with the next heartbeat
            TestRedis.awaitUntil(Duration.ofSeconds(3),
                    () -> LeastLoadedPlacement.INSTANCE.choose(m.live()).orElseThrow().equals("busy"),
                    "busy to become the least loaded");

            // the heartbeats outlive their TTL many times over while the node runs
            Thread.sleep(600);
            assertThat(m.isLive("light")).isTrue();
        }
        // closing a heartbeat makes the node leave at once
        assertThat(m.live()).isEmpty();
    }
}
