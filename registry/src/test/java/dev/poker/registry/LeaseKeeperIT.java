package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The keeper against a real Redis: it keeps leases alive, reports leases another node took, and
 * reports every lease before its deadline when Redis becomes unreachable (a private redis-server is
 * stopped for that, then started again on the same port to check everything resumes).
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class LeaseKeeperIT {
    private static final Duration TTL = Duration.ofMillis(2_000);
    private static final Duration RENEW = Duration.ofMillis(400);
    private static final Duration MARGIN = Duration.ofMillis(800);
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);
    private static final long MS = 1_000_000;

    /** Records when the last renewal that succeeded was sent. */
    private static final class RecordingLeases implements LeaseKeeper.Leases {
        final RedisTableRegistry registry;
        volatile long lastGoodRenewSent;

        RecordingLeases(RedisTableRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Set<String> renewAll(String nodeId) {
            long sent = System.nanoTime();
            Set<String> lost = registry.renewAll(nodeId);
            lastGoodRenewSent = sent;
            return lost;
        }

        @Override
        public Set<String> dropOverdue(String nodeId, long marginNanos) {
            return registry.dropOverdue(nodeId, marginNanos);
        }
    }

    private static LeaseKeeper keeper(LeaseKeeper.Leases leases, Map<String, Long> lost) {
        return new LeaseKeeper(leases, TTL, COMMAND_TIMEOUT, "a", RENEW, MARGIN, TICK,
                t -> lost.putIfAbsent(t, System.nanoTime())).start();
    }

    @Test
    @SuppressWarnings("try") // the keeper works in the background of the try block
    void keepsLeasesAliveAndReportsOnesAnotherNodeTook() throws Exception {
        String ns = TestRedis.uniqueNamespace();
        try (RedisConnections ra = RedisConnections.connect(TestRedis.sharedUrl(), COMMAND_TIMEOUT);
                RedisConnections rb = RedisConnections.connect(TestRedis.sharedUrl(), COMMAND_TIMEOUT)) {
            RedisTableRegistry a = new RedisTableRegistry(ra, TTL, ns);
            RedisTableRegistry b = new RedisTableRegistry(rb, TTL, ns);
            Map<String, Long> lost = new ConcurrentHashMap<>();
            a.claim("t1", "a").orElseThrow();
            a.claim("t2", "a").orElseThrow();
            try (LeaseKeeper k = keeper(new RecordingLeases(a), lost)) {
                Thread.sleep(TTL.toMillis() + 500); // longer than the TTL: only renewals keep them
                assertThat(lost).isEmpty();
                assertThat(b.claim("t1", "b")).isEmpty();

                // t2's lease vanishes (as if it had expired) and b takes it: a's keeper must report it
                rb.commands().sync().del(ns + ":lease:t2");
                long takenAt = System.nanoTime();
                assertThat(b.claim("t2", "b")).isPresent();
                TestRedis.awaitUntil(Duration.ofSeconds(2), () -> lost.containsKey("t2"), "t2 reported lost");
                assertThat(lost.get("t2") - takenAt).isLessThan(RENEW.toNanos() + 300 * MS);
                assertThat(lost).containsOnlyKeys("t2");
                assertThat(a.heldLocally("a")).containsExactly("t1");
            }
        }
    }

    @Test
    void reportsEveryLeaseBeforeItsDeadlineWhenRedisIsUnreachableAndResumesAfter() throws Exception {
        try (TestRedis server = TestRedis.startPrivate();
                RedisConnections redis = RedisConnections.connect(server.url(), COMMAND_TIMEOUT)) {
            RedisTableRegistry registry = new RedisTableRegistry(redis, TTL, "poker");
            RedisMembership membership = new RedisMembership(redis, Duration.ofSeconds(2), "poker");
            RecordingLeases leases = new RecordingLeases(registry);
            Map<String, Long> lost = new ConcurrentHashMap<>();
            Map<String, Long> epochs = new ConcurrentHashMap<>();
            for (String t : new String[] {"t1", "t2", "t3"}) {
                epochs.put(t, registry.claim(t, "a").orElseThrow().epoch());
            }
            try (LeaseKeeper keeper = keeper(leases, lost)) {
                Thread.sleep(700);
                assertThat(lost).isEmpty();
                assertThat(redis.healthy()).isTrue();

                server.stop();
                long stoppedAt = System.nanoTime();
                // fast, clear, retryable failures for new work
                long before = System.nanoTime();
                assertThatThrownBy(() -> registry.claim("t9", "a")).isInstanceOf(RegistryUnavailableException.class)
                        .hasMessageContaining("retry");
                assertThatThrownBy(membership::live).isInstanceOf(RegistryUnavailableException.class);
                assertThatThrownBy(() -> membership.heartbeat(new NodeInfo("a", "x", 0, 0, false, Instant.now())))
                        .isInstanceOf(RegistryUnavailableException.class);
                assertThat(redis.healthy()).isFalse();
                assertThat(System.nanoTime() - before).isLessThan(4 * COMMAND_TIMEOUT.toNanos());
                registry.release("t9", "a"); // never throws

                TestRedis.awaitUntil(Duration.ofSeconds(5), () -> lost.size() == 3, "all three leases reported lost");
                assertStoppedInTime(lost, leases.lastGoodRenewSent, stoppedAt);
                assertThat(registry.heldLocally("a")).isEmpty();

                // Redis comes back (empty: no persistence); Lettuce reconnects by itself
                server.start();
                TestRedis.awaitUntil(Duration.ofSeconds(5), redis::healthy, "the connection to come back");
                Optional<Lease> again = registry.claimAbove("t1", "a", epochs.get("t1"));
                assertThat(again).contains(new Lease("t1", "a", epochs.get("t1") + 1));
                assertThat(registry.claim("t9", "a")).contains(new Lease("t9", "a", 1));
                membership.heartbeat(new NodeInfo("a", "x", 2, 0, false, Instant.now()));
                assertThat(membership.live()).extracting(NodeInfo::nodeId).containsExactly("a");
                TestRedis.awaitUntil(Duration.ofSeconds(2), keeper::renewing, "renewals to succeed again");
                lost.clear();
                Thread.sleep(TTL.toMillis());
                assertThat(lost).isEmpty();
                assertThat(registry.owner("t1")).contains(new Lease("t1", "a", epochs.get("t1") + 1));
            }
        }
    }

    /**
     * Each lease was reported lost after a short outage could have been ridden out, by its local
     * deadline, and well before Redis could let another node acquire it.
     */
    private static void assertStoppedInTime(Map<String, Long> lost, long lastGoodRenewSent, long outageAt) {
        for (Map.Entry<String, Long> e : lost.entrySet()) {
            long at = e.getValue();
            // not at the first failed renewal: short outages are ridden out
            assertThat(at - outageAt).as(e.getKey()).isGreaterThan(300 * MS);
            // by the local deadline (+ tick + command timeout + scheduling slack) ...
            assertThat(at - lastGoodRenewSent).as(e.getKey())
                    .isLessThan(TTL.toNanos() - MARGIN.toNanos() + TICK.toNanos() + COMMAND_TIMEOUT.toNanos() + 200 * MS);
            // ... which is well before the lease could expire in Redis and pass to another node
            assertThat(at - lastGoodRenewSent).as(e.getKey()).isLessThan(TTL.toNanos() - 200 * MS);
        }
    }

    @Test
    @SuppressWarnings("try") // the keeper works in the background of the try block
    void aHungRedisTimesCommandsOutAndTheKeeperStillStopsTablesInTime() throws Exception {
        try (TestRedis server = TestRedis.startPrivate();
                RedisConnections redis = RedisConnections.connect(server.url(), COMMAND_TIMEOUT)) {
            RedisTableRegistry registry = new RedisTableRegistry(redis, TTL, "poker");
            RecordingLeases leases = new RecordingLeases(registry);
            Map<String, Long> lost = new ConcurrentHashMap<>();
            long epoch = registry.claim("t1", "a").orElseThrow().epoch();
            registry.claim("t2", "a").orElseThrow();
            try (LeaseKeeper keeper = keeper(leases, lost)) {
                Thread.sleep(700);
                server.pause(); // the TCP connection stays up; nothing answers
                long pausedAt = System.nanoTime();
                long before = System.nanoTime();
                assertThatThrownBy(() -> registry.claim("t9", "a")).isInstanceOf(RegistryUnavailableException.class);
                assertThat(System.nanoTime() - before).isLessThan(COMMAND_TIMEOUT.toNanos() + 1_000 * MS);

                TestRedis.awaitUntil(Duration.ofSeconds(5), () -> lost.size() == 2, "both leases reported lost");
                assertStoppedInTime(lost, leases.lastGoodRenewSent, pausedAt);

                server.resume(); // the commands queued meanwhile run now; the leases are gone or expire
                TestRedis.awaitUntil(Duration.ofSeconds(5), redis::healthy, "Redis to answer again");
                // the node forgot the lease, so claiming it again starts a new incarnation at once (even if a
                // renewal queued during the hang extended the old lease in Redis)
                assertThat(registry.claim("t1", "a")).contains(new Lease("t1", "a", epoch + 1));
                assertThat(registry.owner("t1")).contains(new Lease("t1", "a", epoch + 1));
            }
        }
    }

    @Test
    void connectingToNothingFailsFastAndRetryably() throws Exception {
        int port = TestRedis.freePort();
        long before = System.nanoTime();
        assertThatThrownBy(() -> RedisConnections.connect("redis://127.0.0.1:" + port))
                .isInstanceOf(RegistryUnavailableException.class)
                .satisfies(e -> assertThat(((RegistryUnavailableException) e).retryable()).isTrue());
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(3));
    }
}
