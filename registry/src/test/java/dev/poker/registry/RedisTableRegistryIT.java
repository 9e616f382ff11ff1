package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leases against the shared Redis, with two registries on two clients as two nodes would have. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisTableRegistryIT {
    private RedisConnections redisA;
    private RedisConnections redisB;
    private String ns;

    @BeforeEach
    void connect() {
        redisA = RedisConnections.connect(TestRedis.sharedUrl());
        redisB = RedisConnections.connect(TestRedis.sharedUrl());
        ns = TestRedis.uniqueNamespace();
    }

    @AfterEach
    void disconnect() {
        redisA.close();
        redisB.close();
    }

    private static String table() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void claimRenewReleaseWithTheDocumentedKeys() {
        RedisTableRegistry a = new RedisTableRegistry(redisA); // default namespace and TTL
        RedisTableRegistry b = new RedisTableRegistry(redisB);
        RedisCommands<String, String> raw = redisA.commands().sync();
        String t = table();
        try {
            Lease first = a.claim(t, "node-a").orElseThrow();
            assertThat(first).isEqualTo(new Lease(t, "node-a", 1));
            assertThat(raw.get("poker:lease:" + t)).isEqualTo("node-a");
            assertThat(raw.pttl("poker:lease:" + t)).isBetween(1L, 6_000L);
            assertThat(raw.get("poker:epoch:" + t)).isEqualTo("1");
            assertThat(raw.ttl("poker:epoch:" + t)).isEqualTo(-1L); // epochs never expire

            assertThat(a.claim(t, "node-a")).contains(first); // renewal: same epoch
            assertThat(b.claim(t, "node-b")).isEmpty();
            assertThat(b.owner(t)).contains(first);
            assertThat(b.tablesOf("node-a")).contains(t);
            assertThat(a.heldLocally("node-a")).containsExactly(t);
            assertThat(a.renewAll("node-a")).isEmpty();

            b.release(t, "node-b"); // not b's: no effect
            assertThat(a.owner(t)).contains(first);
            a.release(t, "node-a");
            assertThat(a.owner(t)).isEmpty();
            assertThat(a.tablesOf("node-a")).doesNotContain(t);
            assertThat(a.heldLocally("node-a")).isEmpty();

            assertThat(b.claim(t, "node-b")).contains(new Lease(t, "node-b", 2));
            b.release(t, "node-b");
            assertThat(a.claim(t, "node-a")).contains(new Lease(t, "node-a", 3)); // a again: still a new epoch
            a.release(t, "node-a");
        } finally {
            raw.del("poker:lease:" + t, "poker:epoch:" + t);
        }
    }

    @Test
    void manyThreadsOfTwoClientsRaceForOneTable() throws Exception {
        RedisTableRegistry a = new RedisTableRegistry(redisA, Duration.ofSeconds(10), ns);
        RedisTableRegistry b = new RedisTableRegistry(redisB, Duration.ofSeconds(10), ns);
        String t = table();
        int threadsPerClient = 8;
        AtomicReference<String> holder = new AtomicReference<>();
        List<Long> epochs = Collections.synchronizedList(new ArrayList<>());
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerClient);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 2 * threadsPerClient; i++) {
            RedisTableRegistry r = i % 2 == 0 ? a : b;
            String node = (i % 2 == 0 ? "a" : "b") + i;
            futures.add(pool.submit(() -> {
                go.await();
                while (System.nanoTime() < until) {
                    Optional<Lease> lease = r.claim(t, node);
                    if (lease.isEmpty()) {
                        refused.incrementAndGet();
                        continue;
                    }
                    if (!holder.compareAndSet(null, node)) {
                        violations.add(node + " got epoch " + lease.get().epoch() + " while " + holder.get()
                                + " held the table");
                        continue;
                    }
                    epochs.add(lease.get().epoch());
                    Thread.onSpinWait();
                    holder.set(null); // before the release: nobody can get it while the test thinks it's held
                    r.release(t, node);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(20, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(violations).isEmpty();
        assertThat(epochs).hasSizeGreaterThan(50);
        assertThat(refused.get()).isPositive();
        // each acquisition (each change of holder) got the next epoch: strictly increasing, no gaps, and the
        // refused claims did not touch the epoch
        for (int i = 0; i < epochs.size(); i++) {
            assertThat(epochs.get(i)).as("acquisition %d", i).isEqualTo(i + 1L);
        }
        assertThat(redisA.commands().sync().get(ns + ":epoch:" + t)).isEqualTo(Long.toString(epochs.size()));
    }

    @Test
    void aHolderThatStopsRenewingLosesTheLeaseAfterTheTtl() throws Exception {
        Duration ttl = Duration.ofMillis(600);
        RedisTableRegistry a = new RedisTableRegistry(redisA, ttl, ns);
        RedisTableRegistry b = new RedisTableRegistry(redisB, ttl, ns);
        String t = table();
        long sent = System.nanoTime();
        Lease held = a.claim(t, "a").orElseThrow();

        // renewed leases outlive the TTL
        for (int i = 0; i < 6; i++) {
            Thread.sleep(150);
            assertThat(b.claim(t, "b")).isEmpty();
            sent = System.nanoTime();
            assertThat(a.renewAll("a")).isEmpty();
        }
        // a stops renewing: b gets it with the next epoch, and not before the TTL has passed
        Optional<Lease> taken = Optional.empty();
        while (taken.isEmpty()) {
            assertThat(System.nanoTime() - sent).isLessThan(TimeUnit.SECONDS.toNanos(3));
            taken = b.claim(t, "b");
            Thread.sleep(5);
        }
        long takenAt = System.nanoTime();
        assertThat(takenAt - sent).isGreaterThanOrEqualTo(ttl.toNanos());
        assertThat(taken.get()).isEqualTo(new Lease(t, "b", held.epoch() + 1));

        assertThat(a.renewAll("a")).containsExactly(t); // a learns it lost the table
        assertThat(a.heldLocally("a")).isEmpty();
        assertThat(a.claim(t, "a")).isEmpty();
        assertThat(a.tablesOf("a")).isEmpty();
        assertThat(a.tablesOf("b")).containsExactly(t);
    }

    @Test
    void aNodeThatForgotItsLeaseGetsANewEpoch() {
        // a restarted node (a new registry) claiming a lease its previous life still holds: a new incarnation
        RedisTableRegistry before = new RedisTableRegistry(redisA, Duration.ofSeconds(10), ns);
        RedisTableRegistry after = new RedisTableRegistry(redisB, Duration.ofSeconds(10), ns);
        String t = table();
        assertThat(before.claim(t, "n").orElseThrow().epoch()).isEqualTo(1);
        assertThat(after.claim(t, "n").orElseThrow().epoch()).isEqualTo(2);
        assertThat(before.renewAll("n")).containsExactly(t); // the old incarnation is fenced off
        assertThat(after.renewAll("n")).isEmpty();
    }

    @Test
    void concurrentClaimsOfOneTableByOneNodeGetTheSameLease() throws Exception {
        RedisTableRegistry a = new RedisTableRegistry(redisA, Duration.ofSeconds(10), ns);
        String t = table();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Lease>>> claims = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                claims.add(pool.submit(() -> a.claim(t, "a")));
            }
            for (Future<Optional<Lease>> f : claims) {
                assertThat(f.get(10, TimeUnit.SECONDS)).contains(new Lease(t, "a", 1));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void claimAboveKeepsEpochsAboveTheLogAfterRedisLostThem() {
        RedisTableRegistry a = new RedisTableRegistry(redisA, Duration.ofSeconds(10), ns);
        String t = table();
        assertThat(a.claimAbove(t, "a", 41)).contains(new Lease(t, "a", 42));
        a.release(t, "a");
        assertThat(a.claimAbove(t, "a", 10)).contains(new Lease(t, "a", 43)); // never goes back
        a.release(t, "a");
        String t2 = table();
        a.seedEpoch(t2, 7);
        a.seedEpoch(t2, 3); // only raises
        assertThat(a.claim(t2, "a")).contains(new Lease(t2, "a", 8));
    }

    @Test
    void renewAllHandlesManyTablesInBatches() {
        RedisTableRegistry a = new RedisTableRegistry(redisA, Duration.ofSeconds(10), ns);
        RedisTableRegistry b = new RedisTableRegistry(redisB, Duration.ofSeconds(10), ns);
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < RedisTableRegistry.RENEW_BATCH * 2 + 17; i++) {
            String t = "t" + i;
            tables.add(t);
            a.claim(t, "a").orElseThrow();
        }
        // b steals three of them (as if they had expired)
        RedisCommands<String, String> raw = redisB.commands().sync();
        for (String t : List.of("t0", "t250", "t416")) {
            raw.del(ns + ":lease:" + t);
            assertThat(b.claim(t, "b")).isPresent();
        }
        assertThat(a.renewAll("a")).containsExactlyInAnyOrder("t0", "t250", "t416");
        assertThat(a.heldLocally("a")).hasSize(tables.size() - 3);
        assertThat(a.tablesOf("a")).hasSize(tables.size() - 3).doesNotContain("t0", "t250", "t416");
        assertThat(a.renewAll("a")).isEmpty();
        assertThat(raw.pttl(ns + ":owned:a")).isPositive(); // the index expires with the node's last lease
        assertThat(Set.copyOf(tables)).containsAll(a.tablesOf("a"));
    }
}
