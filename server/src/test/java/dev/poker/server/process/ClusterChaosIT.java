package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.registry.TestRedis;
import dev.poker.server.store.Database;
import dev.poker.server.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster under faults, as separate processes: three nodes ({@code poker.jar serve} with
 * {@code POKER_REDIS_URL}) on one PostgreSQL database and a private Redis, HAProxy (the shipped
 * deploy/haproxy/haproxy.cfg, leastconn) in front, and bots ({@link ResilientPlayer}) that connect
 * through HAProxy, so they land on various nodes and most of their commands are forwarded to the
 * table's owner. While they play:
 * <ol>
 * <li>the node owning the most tables is killed with SIGKILL and restarted about 2 s later, three
 *     times, each time another node; the time from the kill to each of its tables serving again (the
 *     first event written with a newer epoch) is measured and printed as {@code FAILOVER ms: ...} (and
 *     written to target/failover-times.txt);</li>
 * <li>a node is frozen with SIGSTOP for longer than the lease TTL, then thawed: its tables must have
 *     moved, and it must not write with its old epoch afterwards;</li>
 * <li>Redis is stopped and started again (empty) on the same port.</li>
 * </ol>
 * After each fault every table must complete a hand within 20 s. At the end the players stop and
 * leave, the nodes get SIGTERM, and the audit log must show every acknowledged action exactly once,
 * gapless seqs, epochs that never go down along seq, a hands row for every HandEnded, and a clean
 * ledger ({@link AuditLogChecks}). A second test drains a node over {@code POST /admin/drain} and
 * checks that its tables move between hands; a third restarts all three nodes one after the other
 * (drain, exit, start, healthy) while twelve players play, and checks that no hand is lost or cut off.
 */
class ClusterChaosIT {
    private static final String TOKEN_SECRET = "cluster-chaos-token-secret-0123456789";
    private static final String ADMIN_TOKEN = "cluster-chaos-admin-token-0123456789";
    private static final long BUY_IN = 10_000;
    private static final long GUEST_BALANCE = 100_000;
    private static final long LEASE_TTL_MS = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** After a fault every table completes a hand within this (from the fault, or the end of a pause). */
    private static final long PROGRESS_BOUND_MS = 20_000;
    /** Asserted: a killed node's table serves again within this. */
    private static final long FAILOVER_BOUND_MS = 15_000;
    /** The goal, only reported. */
    private static final long FAILOVER_GOAL_MS = 3_000;
    private static final int[] SEATED = {4, 3, 4, 3, 3};
    private static final int KILLS = 3;
    private static final long PAUSE_MS = 5_000;
    private static final long DRAIN_DEADLINE_MS = 20_000;
    /**
     * An act with no answer at all after this long is sent again (protocol/README.md, section 1: "well over
     * POKER_FORWARD_TIMEOUT_MS", 2 s by default).
     */
    private static final long ANSWER_TIMEOUT_MS = 6_000;

    /** A decision whose answer may have been lost: its node died, or a forward or retry crossed a fault. */
    private static boolean mayBeWrittenWithoutAck(ResilientPlayer.Decision d) {
        return d.inFlightAtKill() || d.retries > 0;
    }

    // ---- the chaos test -------------------------------------------------------------------------------

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tablesSurviveKillsAPauseAndARedisRestart() throws Exception {
        long testStarted = System.nanoTime();
        List<String> ids = List.of("node1", "node2", "node3");
        try (Cluster c = new Cluster("chaos", ids, Map.of(), 0xC4A05L)) {
            c.startAll();
            c.startHaproxy();
            List<String> tables = c.seatPlayers(SEATED);
            c.printPlacement(tables);
            for (String t : tables) {
                c.await(Duration.ofSeconds(30), "a first acknowledged action at " + t,
                        () -> acked(c.players, t) > 0);
            }
            Thread.sleep(3_000);

            List<Failover> failovers = new ArrayList<>();
            List<String> findings = new ArrayList<>(); // product bugs: reported at the very end
            Set<String> killed = new LinkedHashSet<>();
            // (a) SIGKILL the node with the most tables, restart it 2 s later; three times, another node each time
            for (int k = 1; k <= KILLS; k++) {
                Map<String, Owner> before = c.owners(tables);
                String victim = mostTables(before, ids.stream().filter(id -> !killed.contains(id)).toList());
                killed.add(victim);
                List<String> itsTables = tablesOf(before, victim);
                System.out.printf("kill %d: SIGKILL %s (pid %d), owner of %s%n", k, victim, c.node(victim).pid(),
                        itsTables);
                long killAt = System.currentTimeMillis();
                int status = c.node(victim).kill();
                c.faults.incrementAndGet();
                assertThat(status).as("%s was killed by SIGKILL", victim).isEqualTo(NodeProcess.KILLED);
                Thread.sleep(Math.max(0, killAt + 2_000 - System.currentTimeMillis()));
                NodeProcess restarted = c.start(victim);
                for (String t : itsTables) {
                    long ms = c.awaitServing(t, before.get(t).epoch(), killAt, FAILOVER_BOUND_MS,
                            "table " + t + " of " + victim + " serving again after kill " + k);
                    failovers.add(new Failover("kill " + k + " " + victim, t, ms));
                    System.out.printf("kill %d: table %s serving again %d ms after the kill (now on %s)%n", k, t, ms,
                            c.owners(List.of(t)).get(t).node());
                }
                c.awaitProgress(tables, killAt, PROGRESS_BOUND_MS, "after kill " + k + " of " + victim);
                restarted.awaitHealthy(START_TIMEOUT);
                c.await(Duration.ofSeconds(30), "every player connected again after kill " + k,
                        () -> c.players.stream().allMatch(ResilientPlayer::isConnected));
                Thread.sleep(1_500);
            }
            String stats = failoverStats(failovers);
            System.out.println(stats);
            writeFailoverTimes(failovers, stats);

            // (b) SIGSTOP a node for longer than the lease TTL: its tables move; after SIGCONT it must not write
            Map<String, Owner> before = c.owners(tables);
            String frozen = mostTables(before, ids);
            List<String> frozenTables = tablesOf(before, frozen);
            System.out.printf("pause: SIGSTOP %s (pid %d) for %d ms, owner of %s%n", frozen, c.node(frozen).pid(),
                    PAUSE_MS, frozenTables);
            long pauseAt = System.currentTimeMillis();
            c.node(frozen).pause();
            c.faults.incrementAndGet();
            Map<String, Long> pauseMoves;
            List<String> stuck;
            try {
                pauseMoves = c.awaitServing(frozenTables, before, pauseAt, FAILOVER_BOUND_MS);
                stuck = frozenTables.stream().filter(t -> !pauseMoves.containsKey(t)).toList();
                if (!stuck.isEmpty()) {
                    // found by this test, fixed since: a node frozen inside its group commit kept its tables'
                    // poker_tables rows locked, so JdbcTableCatalog.takeOver's SELECT ... FOR UPDATE waited until it
                    // ran again; now PostgreSQL ends a session idle in a transaction after 2 s (Database.open)
                    findings.add("PRODUCT BUG: tables " + stuck + " of the frozen " + frozen + " did not serve again"
                            + " elsewhere within " + FAILOVER_BOUND_MS + " ms of its SIGSTOP (lease TTL " + LEASE_TTL_MS
                            + " ms; the others moved after " + pauseMoves + " ms). Owners now " + c.owners(stuck)
                            + "; database sessions meanwhile:\n" + c.databaseSessions());
                    System.out.println(findings.get(findings.size() - 1));
                }
                Map<String, Owner> moved = c.owners(frozenTables);
                for (String t : pauseMoves.keySet()) {
                    assertThat(moved.get(t).node()).as("table %s moved off the frozen node", t).isNotEqualTo(frozen);
                    assertThat(moved.get(t).epoch()).as("table %s has a newer epoch", t)
                            .isGreaterThan(before.get(t).epoch());
                }
                Thread.sleep(Math.max(0, pauseAt + PAUSE_MS - System.currentTimeMillis()));
            } finally {
                c.node(frozen).resume();
            }
            long resumeAt = System.currentTimeMillis();
            System.out.printf("pause: SIGCONT %s after %d ms; its tables served again elsewhere after %s ms%n", frozen,
                    resumeAt - pauseAt, pauseMoves);
            if (!stuck.isEmpty()) {
                Map<String, Long> late = c.awaitServing(stuck, before, pauseAt, resumeAt - pauseAt + FAILOVER_BOUND_MS);
                System.out.printf("pause: the stuck tables served again after %s ms (from the SIGSTOP), once %s ran"
                        + " again%n", late, frozen);
                assertThat(late.keySet()).as("the stuck tables moved at least after the SIGCONT")
                        .containsExactlyInAnyOrderElementsOf(stuck);
            }
            c.awaitProgress(tables, resumeAt, PROGRESS_BOUND_MS, "after " + frozen + " was thawed");
            c.await(Duration.ofSeconds(10), frozen + " healthy again after SIGCONT",
                    () -> c.node(frozen).health() == 200);
            Thread.sleep(1_000);
            for (String t : frozenTables) {
                long stale = c.rowsWithOldEpochAfterTakeover(t, before.get(t).epoch());
                assertThat(stale).as("table %s: rows with the frozen node's epoch %d (or older) after the first"
                        + " row of the new owner", t, before.get(t).epoch()).isZero();
            }
            printLines(c.node(frozen), "lease");

            // (c) Redis goes away and comes back empty on the same port
            c.await(Duration.ofSeconds(30), "every player connected before the Redis restart",
                    () -> c.players.stream().allMatch(ResilientPlayer::isConnected));
            Map<String, Owner> beforeRedis = c.owners(tables);
            long redisDownAt = System.currentTimeMillis();
            c.redis.stop();
            c.faults.incrementAndGet();
            Thread.sleep(1_500);
            c.redis.start();
            long redisUpAt = System.currentTimeMillis();
            System.out.printf("redis: %s stopped and started again (down %d ms)%n", c.redis.url(),
                    redisUpAt - redisDownAt);
            c.awaitProgress(tables, redisUpAt, PROGRESS_BOUND_MS, "after the Redis restart");
            Map<String, Owner> afterRedis = c.owners(tables);
            System.out.printf("redis: %d of %d tables changed owner across the Redis restart%n",
                    tables.stream().filter(t -> !beforeRedis.get(t).equals(afterRedis.get(t))).count(), tables.size());
            for (String t : tables) {
                System.out.printf("redis: table %s on %s at epoch %d before, on %s at epoch %d after%n", t,
                        beforeRedis.get(t).node(), beforeRedis.get(t).epoch(), afterRedis.get(t).node(),
                        afterRedis.get(t).epoch());
            }
            c.await(Duration.ofSeconds(30), "every player connected after the Redis restart",
                    () -> c.players.stream().allMatch(ResilientPlayer::isConnected));
            Thread.sleep(2_000);

            // the end: stop playing, leave, SIGTERM every node, then the log and the ledger
            c.windDown();
            c.checkEverything(tables, null, false);
            System.out.println(stats);
            assertThat(findings).as("PRODUCT BUGS found by the chaos test (every other check passed)").isEmpty();
            System.out.printf("chaos test took %d ms; logs in %s%n", ms(System.nanoTime() - testStarted), c.logDir);
        }
    }

    // ---- drain ---------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void drainHandsTablesOverAtHandBoundary() throws Exception {
        List<String> ids = List.of("nodeA", "nodeB");
        try (Cluster c = new Cluster("drain", ids,
                Map.of("POKER_DRAIN_DEADLINE_MS", Long.toString(DRAIN_DEADLINE_MS)), 0xD4A1L)) {
            // A alone places both tables on itself; B joins before the other players connect
            c.start("nodeA").awaitHealthy(START_TIMEOUT);
            c.startHaproxy();
            List<ResilientPlayer> creators = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                ResilientPlayer p = c.newPlayer("d" + t + "p0");
                c.connect(p);
                creators.add(p);
                tables.add(p.createTable("drain table " + t));
            }
            assertThat(c.owners(tables).values()).as("both tables on node A").allMatch(o -> o.node().equals("nodeA"));
            c.start("nodeB").awaitHealthy(START_TIMEOUT);
            Thread.sleep(6_000); // HAProxy's checks (rise 2, every 1 s) bring B in, its slowstart (5 s) ramps it up
            for (int t = 0; t < 2; t++) {
                List<ResilientPlayer> at = new ArrayList<>(List.of(creators.get(t)));
                for (int s = 1; s < 3; s++) {
                    ResilientPlayer p = c.newPlayer("d" + t + "p" + s);
                    c.connect(p);
                    at.add(p);
                }
                for (int s = 0; s < at.size(); s++) {
                    at.get(s).sit(tables.get(t), s, BUY_IN);
                }
            }
            c.printPlacement(tables);
            for (String t : tables) {
                c.await(Duration.ofSeconds(30), "two hands at " + t, () -> c.handsEndedSince(t, 0) >= 2);
            }

            NodeProcess a = c.node("nodeA");
            assertThat(c.drain(a.port, null)).as("POST /admin/drain without a token").isEqualTo(401);
            assertThat(c.drain(a.port, "Bearer not-the-admin-token-0123456789")).as("POST /admin/drain, wrong token")
                    .isEqualTo(401);
            assertThat(a.alive()).as("a refused drain changes nothing").isTrue();
            Map<String, Owner> before = c.owners(tables);
            long drainAt = System.currentTimeMillis();
            assertThat(c.drain(a.port, "Bearer " + ADMIN_TOKEN)).as("POST /admin/drain with the token").isEqualTo(202);
            int exit = a.awaitExit(Duration.ofMillis(DRAIN_DEADLINE_MS + 20_000));
            long exitedAt = System.currentTimeMillis();
            System.out.printf("drain: node A exited with %d after %d ms%n", exit, exitedAt - drainAt);
            assertThat(exit).as("node A's exit status after the drain; log:%n%s", a.tail(40)).isZero();
            assertThat(exitedAt - drainAt).as("node A exited within the drain deadline").isLessThan(DRAIN_DEADLINE_MS);

            Map<String, Owner> after = c.owners(tables);
            for (String t : tables) {
                assertThat(after.get(t).node()).as("table %s now on node B", t).isEqualTo("nodeB");
                assertThat(after.get(t).epoch()).as("table %s taken over with a newer epoch", t)
                        .isGreaterThan(before.get(t).epoch());
            }
            c.awaitProgress(tables, exitedAt, PROGRESS_BOUND_MS, "on node B after the drain");
            try (Database d = TestDatabases.open(c.db)) {
                for (String t : tables) {
                    List<AuditLogChecks.Row> rows = AuditLogChecks.rows(d, t);
                    long oldEpoch = before.get(t).epoch();
                    int cut = 0;
                    while (cut < rows.size() && rows.get(cut).epoch() <= oldEpoch) {
                        cut++;
                    }
                    assertThat(cut).as("%s: node B wrote after the drain", t).isLessThan(rows.size());
                    assertThat(cut).as("%s: node A wrote before the drain", t).isPositive();
                    AuditLogChecks.Row lastOld = rows.get(cut - 1);
                    AuditLogChecks.Row firstNew = rows.get(cut);
                    System.out.printf("drain: table %s: node A's last event seq %d %s at +%d ms, node B's first"
                                    + " seq %d %s at +%d ms (handover gap %d ms)%n", t, lastOld.seq(), lastOld.kind(),
                            lastOld.atMs() - drainAt, firstNew.seq(), firstNew.kind(), firstNew.atMs() - drainAt,
                            firstNew.atMs() - lastOld.atMs());
                    assertThat(firstNew.atMs() - drainAt).as("%s handed over before the drain deadline", t)
                            .isLessThan(DRAIN_DEADLINE_MS);
                    assertThat(lastOld.kind()).as("%s: the events before node B's first end with a HandEnded (the"
                            + " handover happened between hands); the last ones: %s", t,
                            rows.subList(Math.max(0, cut - 4), Math.min(rows.size(), cut + 2)).stream()
                                    .map(AuditLogChecks::describe).toList())
                            .isEqualTo("HandEnded");
                }
            }
            printLines(a, "drain");
            c.windDown();
            c.checkEverything(tables, 2, true);
        }
    }

    // ---- rolling restart -----------------------------------------------------------------------------

    /** Twelve players at four tables. */
    private static final int[] ROLLING_SEATED = {3, 3, 3, 3};
    /** Hands every table completes after a node is healthy again, before the next node is drained. */
    private static final int HANDS_BETWEEN_RESTARTS = 3;
    /** HAProxy's checks (rise 2, every 1 s) put a restarted node back in rotation within this. */
    private static final long HAPROXY_RISE_MS = 2_500;

    /**
     * A rolling restart under load (docs/operations.md, "Drain and rolling restarts"): three nodes, twelve
     * players through HAProxy at four tables, hands 300 ms apart. Each node in turn is drained with
     * {@code POST /admin/drain}, exits with status 0, is started again (same id and port) and is healthy,
     * and every table completes a few hands before the next node. Each drain must move exactly the
     * drained node's tables, and between hands; at the end every hand started is ended and stored (none
     * lost or cut off), every change of epoch along a table's seq is at a hand boundary, every
     * acknowledged action is in the log once, no player timed out, the ledger is clean and no process is
     * left.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void rollingRestartUnderLoadLosesNoHand() throws Exception {
        long testStarted = System.nanoTime();
        List<String> ids = List.of("node1", "node2", "node3");
        try (Cluster c = new Cluster("rolling", ids,
                Map.of("POKER_DRAIN_DEADLINE_MS", Long.toString(DRAIN_DEADLINE_MS)), 0x2011L)) {
            c.startAll();
            c.startHaproxy();
            List<String> tables = c.seatPlayers(ROLLING_SEATED);
            c.printPlacement(tables);
            for (String t : tables) {
                c.await(Duration.ofSeconds(30), "two hands at " + t, () -> c.handsEndedSince(t, 0) >= 2);
            }

            int expectedMoves = 0;
            List<Long> drainMs = new ArrayList<>();
            List<Long> startMs = new ArrayList<>();
            for (String id : ids) {
                c.await(Duration.ofSeconds(30), "every player connected before draining " + id,
                        () -> c.players.stream().allMatch(ResilientPlayer::isConnected));
                NodeProcess n = c.node(id);
                Map<String, Owner> before = c.owners(tables);
                List<String> itsTables = tablesOf(before, id);
                System.out.printf("rolling: drain %s (pid %d), owner of %s%n", id, n.pid(), itsTables);
                long drainAt = System.currentTimeMillis();
                assertThat(c.drain(n.port, "Bearer " + ADMIN_TOKEN)).as("POST /admin/drain to %s", id).isEqualTo(202);
                int exit = n.awaitExit(Duration.ofMillis(DRAIN_DEADLINE_MS + 20_000));
                long exitedAt = System.currentTimeMillis();
                drainMs.add(exitedAt - drainAt);
                System.out.printf("rolling: %s exited with %d %d ms after POST /admin/drain%n", id, exit,
                        exitedAt - drainAt);
                assertThat(exit).as("%s's exit status after the drain; log:%n%s", id, n.tail(40)).isZero();
                assertThat(exitedAt - drainAt).as("%s exited within the drain deadline", id)
                        .isLessThan(DRAIN_DEADLINE_MS);
                assertThat(n.logText()).as("%s handed every table over", id)
                        .contains("draining: handing over " + itsTables.size() + " tables")
                        .contains("drained: 0 tables left here");
                c.await(Duration.ofSeconds(10), "the tables of " + id + " owned elsewhere at a newer epoch",
                        () -> {
                            Map<String, Owner> now = c.owners(itsTables);
                            return itsTables.stream().allMatch(t -> !now.get(t).node().equals(id)
                                    && now.get(t).epoch() > before.get(t).epoch());
                        });
                Map<String, Owner> after = c.owners(tables);
                for (String t : tables) {
                    if (!itsTables.contains(t)) {
                        assertThat(after.get(t)).as("table %s (not on %s) did not move during its drain", t, id)
                                .isEqualTo(before.get(t));
                    }
                }
                expectedMoves += itsTables.size();
                System.out.printf("rolling: %s's tables now on %s%n", id,
                        itsTables.stream().map(t -> t + "->" + after.get(t).node()).toList());

                NodeProcess restarted = c.start(id);
                long healthy = restarted.awaitHealthy(START_TIMEOUT);
                long healthyAt = System.currentTimeMillis();
                startMs.add(ms(healthy - restarted.startedNanos()));
                System.out.printf("rolling: %s (pid %d) healthy again %d ms after its start, %d ms after the drain%n",
                        id, restarted.pid(), ms(healthy - restarted.startedNanos()), healthyAt - drainAt);
                c.awaitProgress(tables, healthyAt, HANDS_BETWEEN_RESTARTS, PROGRESS_BOUND_MS,
                        "after the restart of " + id);
                Thread.sleep(Math.max(0, healthyAt + HAPROXY_RISE_MS - System.currentTimeMillis()));
                c.printPlacement(tables);
            }

            c.windDown();
            AuditLogChecks.Hands hands = AuditLogChecks.checkHands(c.db, tables);
            for (AuditLogChecks.Move m : hands.moves) {
                System.out.printf("rolling: table %s moved at seq %d (epoch %d -> %d) after %s, %s, gap %d ms%n",
                        m.table(), m.seq(), m.fromEpoch(), m.toEpoch(), m.lastOld().kind(),
                        m.midHand() ? "MID-HAND (hand " + m.openHand() + ")" : "between hands", m.gapMs());
            }
            hands.runningAtEnd.forEach(r -> System.out.println("rolling: still running at the end: " + r));
            List<Long> gaps = hands.moves.stream().map(AuditLogChecks.Move::gapMs).sorted().toList();
            System.out.printf("ROLLING RESTART: nodes=%d tables=%d players=%d hands=%d moves=%d midHandMoves=%d"
                            + " handoverGapMs(max)=%d drainMs=%s startMs=%s problems=%d%n", ids.size(), tables.size(),
                    c.players.size(), hands.ended, hands.moves.size(), hands.midHandMoves().size(),
                    gaps.isEmpty() ? 0 : gaps.get(gaps.size() - 1), drainMs, startMs, hands.problems.size());
            assertThat(hands.problems).as("hands lost or cut off (every HandStarted needs its HandEnded and hands"
                    + " row)").isEmpty();
            assertThat(hands.midHandMoves()).as("tables moved in the middle of a hand although every drain ended"
                    + " well before its %d ms deadline", DRAIN_DEADLINE_MS).isEmpty();
            assertThat(hands.moves).as("changes of epoch in the log: one per table of each drained node, no others")
                    .hasSize(expectedMoves);
            c.checkEverything(tables, null, true);
            System.out.printf("rolling restart test took %d ms; logs in %s%n", ms(System.nanoTime() - testStarted),
                    c.logDir);
        }
    }

    // ---- measurements -------------------------------------------------------------------------------

    private record Owner(String node, long epoch) {}

    private record Failover(String fault, String table, long ms) {}

    private static String failoverStats(List<Failover> failovers) {
        List<Long> sorted = failovers.stream().map(Failover::ms).sorted().toList();
        if (sorted.isEmpty()) {
            return "FAILOVER ms: n=0";
        }
        long within = sorted.stream().filter(m -> m <= FAILOVER_GOAL_MS).count();
        return String.format("FAILOVER ms: n=%d p50=%d p99=%d max=%d (min %d; %d of %d within the %d ms goal)",
                sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                sorted.get(0), within, sorted.size(), FAILOVER_GOAL_MS);
    }

    /** Nearest rank. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void writeFailoverTimes(List<Failover> failovers, String stats) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# time from SIGKILL of a table's owner to the first event of the table written with a newer"
                + " epoch (at_ms of that event minus the kill time)\n");
        sb.append("# fault\ttable\tms\n");
        for (Failover f : failovers) {
            sb.append(f.fault()).append('\t').append(f.table()).append('\t').append(f.ms()).append('\n');
        }
        sb.append(stats).append('\n');
        Path out = Path.of("target", "failover-times.txt").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString());
        System.out.println("failover times written to " + out);
    }

    private static String mostTables(Map<String, Owner> owners, List<String> among) {
        Map<String, Integer> count = new LinkedHashMap<>();
        among.forEach(n -> count.put(n, 0));
        owners.values().forEach(o -> count.computeIfPresent(o.node(), (n, x) -> x + 1));
        return count.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
    }

    private static List<String> tablesOf(Map<String, Owner> owners, String node) {
        return owners.entrySet().stream().filter(e -> node.equals(e.getValue().node())).map(Map.Entry::getKey).toList();
    }

    private static long acked(List<ResilientPlayer> players, String table) {
        return players.stream().filter(p -> table.equals(p.table)).flatMap(p -> p.decisions().stream())
                .filter(d -> "ack".equals(d.outcome)).count();
    }

    /** The node's log lines containing {@code word} (case-insensitive), as an illustration in the output. */
    private static void printLines(NodeProcess n, String word) {
        List<String> hits = new ArrayList<>();
        for (String line : n.logText().split("\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).contains(word)) {
                hits.add(line.strip());
            }
        }
        List<String> last = hits.subList(Math.max(0, hits.size() - 8), hits.size());
        System.out.printf("%s log, lines with '%s' (last %d of %d):%n", n.nodeId, word, last.size(), hits.size());
        last.forEach(l -> System.out.println("  " + l));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    // ---- the cluster --------------------------------------------------------------------------------

    /**
     * Everything one test starts: a fresh PostgreSQL database, a private Redis, the nodes (each restart of
     * a node id is a new process on the same port), HAProxy and the players. {@link #close} stops all of it,
     * whatever state the test left it in.
     */
    private static final class Cluster implements AutoCloseable {
        final Map<String, String> db;
        final Map<String, String> env = new HashMap<>();
        final Path logDir;
        final TestRedis redis;
        final Map<String, Integer> ports = new LinkedHashMap<>();
        final Map<String, NodeProcess> current = new ConcurrentHashMap<>();
        final List<NodeProcess> started = new ArrayList<>();
        final AtomicInteger faults = new AtomicInteger(1);
        final List<ResilientPlayer> players = new ArrayList<>();
        final ExecutorService pool;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final Random random;
        Haproxy lb;
        private Database store;

        Cluster(String name, List<String> nodeIds, Map<String, String> extra, long seed) throws Exception {
            this.random = new Random(seed);
            this.logDir = Path.of("target", "cluster-chaos", name).toAbsolutePath();
            if (Files.isDirectory(logDir)) { // only this run's logs
                try (var old = Files.walk(logDir)) {
                    old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(logDir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(logDir);
            this.db = TestDatabases.postgres();
            this.pool = Executors.newFixedThreadPool(24, r -> {
                Thread t = new Thread(r, "cluster-chaos-client");
                t.setDaemon(true);
                return t;
            });
            this.redis = TestRedis.startPrivate();
            env.putAll(db);
            env.put("POKER_REDIS_URL", redis.url());
            env.put("POKER_TOKEN_SECRET", TOKEN_SECRET);
            env.put("POKER_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("POKER_HAND_DELAY_MS", "300");
            env.put("POKER_LEASE_TTL_MS", Long.toString(LEASE_TTL_MS));
            env.put("POKER_GUEST_BALANCE", Long.toString(GUEST_BALANCE));
            env.put("POKER_RATE_LIMIT", "1000"); // the bots act as fast as the node answers
            env.put("POKER_RATE_BURST", "1000");
            env.putAll(extra);
            for (String id : nodeIds) {
                ports.put(id, NodeProcess.freePort());
            }
        }

        /** Starts (or restarts) node {@code id} on its port. */
        NodeProcess start(String id) throws IOException {
            Map<String, String> e = new HashMap<>(env);
            e.put("POKER_DATA_DIR", logDir.resolve(id + "-data").toString());
            NodeProcess n = NodeProcess.start(id, ports.get(id), e, logDir);
            synchronized (started) {
                started.add(n);
            }
            current.put(id, n);
            return n;
        }

        void startAll() throws Exception {
            for (String id : ports.keySet()) {
                start(id);
            }
            for (String id : ports.keySet()) {
                NodeProcess n = node(id);
                long healthy = n.awaitHealthy(START_TIMEOUT);
                System.out.printf("%s (pid %d) healthy after %d ms on port %d%n", id, n.pid(),
                        ms(healthy - n.startedNanos()), n.port);
            }
        }

        NodeProcess node(String id) {
            return current.get(id);
        }

        void startHaproxy() throws Exception {
            List<Integer> nodePorts = new ArrayList<>(ports.values());
            while (nodePorts.size() < 3) {
                nodePorts.add(NodeProcess.freePort()); // nobody listens: marked down
            }
            lb = Haproxy.start(nodePorts, logDir);
            await(Duration.ofSeconds(20), "HAProxy answers /health with 200", () -> lb.health(http) == 200);
            if (current.size() < 3) {
                Thread.sleep(2_500); // servers start up: two failed checks (1 s apart) take the absent ones out
            }
        }

        /**
         * Connects a new guest through HAProxy; a refused handshake is tried again (HAProxy answers 503 while
         * every server it tried was down, for example one it has not found dead yet).
         */
        void connect(ResilientPlayer p) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    p.connectAsGuest();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (attempt >= 10) {
                        throw e;
                    }
                    Thread.sleep(300);
                }
            }
        }

        ResilientPlayer newPlayer(String name) {
            ResilientPlayer p = new ResilientPlayer(name, () -> lb.port, faults::get, pool, random.nextLong(), http);
            p.resendUnansweredAfter(ANSWER_TIMEOUT_MS);
            players.add(p);
            return p;
        }

        /** Players connect through HAProxy; the first of each table creates it (placed by the cluster). */
        List<String> seatPlayers(int[] seated) throws Exception {
            List<String> tables = new ArrayList<>();
            for (int t = 0; t < seated.length; t++) {
                List<ResilientPlayer> at = new ArrayList<>();
                for (int s = 0; s < seated[t]; s++) {
                    ResilientPlayer p = newPlayer("t" + t + "p" + s);
                    connect(p);
                    at.add(p);
                }
                String table = at.get(0).createTable("chaos table " + t);
                tables.add(table);
                for (int s = 0; s < at.size(); s++) {
                    at.get(s).sit(table, s, BUY_IN);
                }
                Thread.sleep(700); // the nodes' heartbeats carry their new table counts to placement
            }
            return tables;
        }

        void printPlacement(List<String> tables) {
            Map<String, Owner> owners = owners(tables);
            Map<String, List<String>> byNode = new TreeMap<>();
            owners.forEach((t, o) -> byNode.computeIfAbsent(o.node(), x -> new ArrayList<>()).add(t));
            Map<String, Long> playersByNode = players.stream()
                    .collect(Collectors.groupingBy(p -> String.valueOf(p.node), TreeMap::new, Collectors.counting()));
            System.out.printf("tables by node %s; players by node (their connection) %s%n", byNode, playersByNode);
        }

        Database store() {
            if (store == null) {
                store = TestDatabases.open(db);
            }
            return store;
        }

        Map<String, Owner> owners(List<String> tables) {
            Map<String, Owner> m = new LinkedHashMap<>();
            Map<String, Owner> all = new HashMap<>();
            for (Record r : store().dsl().fetch("SELECT table_id, owner_node, epoch FROM poker_tables")) {
                all.put(r.get(0, String.class), new Owner(r.get(1, String.class), r.get(2, Long.class)));
            }
            for (String t : tables) {
                m.put(t, all.get(t));
            }
            return m;
        }

        long handsEndedSince(String table, long sinceMs) {
            return store().dsl().fetchOne("SELECT COUNT(*) FROM table_events WHERE table_id = ? AND kind = ?"
                    + " AND at_ms > ?", table, "HandEnded", sinceMs).get(0, Long.class);
        }

        /** at_ms of the table's first event with an epoch above {@code epoch}, or null. */
        Long firstAtAbove(String table, long epoch) {
            Record r = store().dsl().fetchOne("SELECT at_ms FROM table_events WHERE table_id = ? AND epoch > ?"
                    + " ORDER BY seq LIMIT 1", table, epoch);
            return r == null ? null : r.get(0, Long.class);
        }

        long rowsWithOldEpochAfterTakeover(String table, long oldEpoch) {
            return store().dsl().fetchOne("SELECT COUNT(*) FROM table_events WHERE table_id = ? AND epoch <= ?"
                    + " AND seq > (SELECT MIN(seq) FROM table_events WHERE table_id = ? AND epoch > ?)", table,
                    oldEpoch, table, oldEpoch).get(0, Long.class);
        }

        /** Waits until the table has an event with a newer epoch; returns its at_ms minus {@code sinceMs}. */
        long awaitServing(String table, long oldEpoch, long sinceMs, long boundMs, String what)
                throws InterruptedException {
            Long took = awaitServing(List.of(table), Map.of(table, new Owner(null, oldEpoch)), sinceMs, boundMs)
                    .get(table);
            if (took == null) {
                throw new AssertionError(diagnose("timed out waiting for " + what + " (bound " + boundMs + " ms)",
                        List.of(table)));
            }
            return took;
        }

        /**
         * Waits until each table has an event with an epoch above the one in {@code before}, for at most
         * {@code boundMs} after {@code sinceMs}; returns at_ms of that event minus {@code sinceMs} for the tables
         * that made it within the bound.
         */
        Map<String, Long> awaitServing(List<String> tables, Map<String, Owner> before, long sinceMs, long boundMs)
                throws InterruptedException {
            Map<String, Long> served = new LinkedHashMap<>();
            long deadline = sinceMs + boundMs + 2_000; // at_ms is compared with the bound below
            while (served.size() < tables.size() && System.currentTimeMillis() < deadline) {
                for (String t : tables) {
                    if (!served.containsKey(t)) {
                        Long at = firstAtAbove(t, before.get(t).epoch());
                        if (at != null) {
                            served.put(t, at - sinceMs);
                        }
                    }
                }
                Thread.sleep(25);
            }
            served.values().removeIf(ms -> ms > boundMs);
            return served;
        }

        /** The database's sessions that are in a transaction or waiting, for failure messages. */
        String databaseSessions() {
            StringBuilder sb = new StringBuilder();
            try {
                for (Record r : store().dsl().fetch("SELECT pid, state, wait_event_type, wait_event,"
                        + " EXTRACT(EPOCH FROM (now() - xact_start)) * 1000, left(query, 110) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
                        + " ORDER BY xact_start")) {
                    sb.append("  pid ").append(r.get(0)).append(' ').append(r.get(1)).append(", waiting for ")
                            .append(r.get(2)).append('/').append(r.get(3)).append(", transaction open ")
                            .append(Math.round(r.get(4, Double.class))).append(" ms: ").append(r.get(5)).append('\n');
                }
            } catch (RuntimeException e) {
                sb.append("  (pg_stat_activity: ").append(e).append(")\n");
            }
            return sb.toString();
        }

        /** Every table completes a hand (a HandEnded written after {@code sinceMs}) within the bound. */
        void awaitProgress(List<String> tables, long sinceMs, long boundMs, String what) throws InterruptedException {
            awaitProgress(tables, sinceMs, 1, boundMs, what);
        }

        /** Every table completes {@code hands} hands (HandEnded written after {@code sinceMs}) within the bound. */
        void awaitProgress(List<String> tables, long sinceMs, int hands, long boundMs, String what)
                throws InterruptedException {
            Set<String> waiting = new LinkedHashSet<>(tables);
            while (true) {
                waiting.removeIf(t -> handsEndedSince(t, sinceMs) >= hands);
                long now = System.currentTimeMillis();
                if (waiting.isEmpty()) {
                    System.out.printf("every table completed %s %s (%d ms)%n", hands == 1 ? "a hand" : hands + " hands",
                            what, now - sinceMs);
                    return;
                }
                if (now > sinceMs + boundMs) {
                    throw new AssertionError(diagnose((hands == 1 ? "no hand" : "fewer than " + hands + " hands")
                            + " completed within " + boundMs + " ms " + what + " at " + waiting, tables));
                }
                Thread.sleep(100);
            }
        }

        void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(diagnose("timed out after " + timeout.toSeconds() + " s waiting for "
                            + what, List.of()));
                }
                Thread.sleep(20);
            }
        }

        /** A failure message with what every table, node and player was doing. */
        String diagnose(String message, List<String> tables) {
            StringBuilder sb = new StringBuilder(message);
            try {
                long now = System.currentTimeMillis();
                Map<String, Owner> owners = owners(tables);
                for (String t : tables) {
                    sb.append("\ntable ").append(t).append(" owner ").append(owners.get(t)).append(", last events:");
                    for (Record r : store().dsl().fetch("SELECT seq, epoch, kind, at_ms FROM table_events WHERE"
                            + " table_id = ? ORDER BY seq DESC LIMIT 6", t)) {
                        sb.append("\n    seq ").append(r.get(0)).append(" epoch ").append(r.get(1)).append(' ')
                                .append(r.get(2)).append(' ').append(now - r.get(3, Long.class)).append(" ms ago");
                    }
                }
            } catch (RuntimeException e) {
                sb.append("\n(database: ").append(e).append(')');
            }
            for (ResilientPlayer p : players) {
                sb.append("\n  ").append(p.status()).append(" via ").append(p.node);
            }
            for (NodeProcess n : current.values()) {
                sb.append("\nnode ").append(n.nodeId).append(n.alive() ? " running" : " exited").append(", /health ")
                        .append(n.health()).append(", log:\n").append(n.tail(25));
            }
            return sb.toString();
        }

        /** Stop deciding, finish what is in flight, leave, and SIGTERM every node (one after the other). */
        void windDown() throws Exception {
            List<Throwable> failures = ResilientPlayer.windDown(players, 20_000, 30_000);
            if (!failures.isEmpty()) {
                throw new AssertionError(diagnose("not every player left its table: " + failures, List.of()));
            }
            players.forEach(ResilientPlayer::close);
            for (NodeProcess n : new ArrayList<>(current.values())) {
                if (!n.alive()) {
                    continue;
                }
                int status = n.stop(Duration.ofSeconds(40));
                assertThat(status).as("%s stopped on SIGTERM (exit status)", n.nodeId).isIn(0, NodeProcess.TERMINATED);
                assertThat(n.logText()).as("%s shut down gracefully", n.nodeId).contains("stopped");
            }
            lb.close();
            redis.stop();
            synchronized (started) {
                for (NodeProcess n : started) {
                    assertThat(n.alive()).as("node process %s (pid %d) is gone", n.nodeId, n.pid()).isFalse();
                }
            }
            assertThat(lb.alive()).as("HAProxy is gone").isFalse();
            assertThat(redis.ping()).as("redis-server is gone").isFalse();
        }

        /** The audit log against what the players were told, and the ledger. */
        void checkEverything(List<String> tables, Integer epochsPerTable, boolean noTimeouts) throws Exception {
            List<String> unanswered = new ArrayList<>();
            for (ResilientPlayer p : players) {
                synchronized (p) {
                    assertThat(p.problems).as("client problems of %s (%s via %s)", p.name, p.status(), p.node)
                            .isEmpty();
                    assertThat(p.gaps).as("seq gaps seen by %s", p.name).isZero();
                    unanswered.addAll(p.unanswered);
                }
            }
            System.out.printf("acts sent again after no answer within %d ms: %d%n", ANSWER_TIMEOUT_MS,
                    unanswered.size());
            unanswered.forEach(u -> System.out.println("  " + u));
            if (store != null) {
                store.close();
                store = null;
            }
            AuditLogChecks.Totals totals = AuditLogChecks.checkDatabase(db, players, tables,
                    new AuditLogChecks.Expectations(epochsPerTable, ClusterChaosIT::mayBeWrittenWithoutAck,
                            noTimeouts));
            long reconnects = 0;
            long retries = 0;
            for (ResilientPlayer p : players) {
                synchronized (p) {
                    reconnects += p.reconnects;
                }
                retries += p.decisions().stream().mapToLong(d -> d.retries).sum();
            }
            System.out.printf("tables %d, players %d: hands completed %d (hands rows %d), events %d, actions"
                            + " acknowledged %d, actions written whose answer was lost %d, decisions retried %d"
                            + " times, reconnects %d, folds by leaving %d, player timeouts %d%n", tables.size(),
                    players.size(), totals.handsEnded, totals.handRows, totals.events, totals.acked,
                    totals.writtenUnacked, retries, reconnects, totals.leaveFolds, totals.timeouts);
            printTakeovers();
            AuditLogChecks.checkLedger(db, players.size() * GUEST_BALANCE);
        }

        private void printTakeovers() {
            Set<String> seen = new LinkedHashSet<>();
            for (NodeProcess n : started) {
                for (String line : n.logText().split("\n")) {
                    int i = line.indexOf("took over table ");
                    if (i >= 0 && seen.add(n.nodeId + " " + line.substring(i))) {
                        System.out.println("  " + n.nodeId + ": " + line.substring(i).strip());
                    }
                }
            }
        }

        /** POST /admin/drain to a node's own port; returns the status code. */
        int drain(int port, String authorization) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/drain"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        @Override
        public void close() throws Exception {
            players.forEach(ResilientPlayer::close);
            synchronized (started) {
                for (NodeProcess n : started) {
                    n.close();
                }
            }
            if (lb != null) {
                lb.close();
            }
            redis.close();
            if (store != null) {
                store.close();
            }
            pool.shutdownNow();
        }
    }

    // ---- HAProxy and Redis as processes ------------------------------------------------------------

    /** HAProxy with deploy/haproxy/haproxy.cfg in front of three node addresses (as HaproxyIT runs it). */
    private static final class Haproxy implements AutoCloseable {
        final int port;
        private final Process process;

        private Haproxy(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Haproxy start(List<Integer> nodePorts, Path logDir) throws IOException {
            String bin = NodeProcess.setting("POKER_TEST_HAPROXY_BIN");
            assertThat(bin).as("POKER_TEST_HAPROXY_BIN (run with ./poker test)").isNotBlank();
            Path cfg = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/haproxy/haproxy.cfg");
            assertThat(cfg).exists();
            int port = NodeProcess.freePort();
            ProcessBuilder pb = new ProcessBuilder(bin, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("haproxy.log").toFile()));
            pb.environment().put("POKER_LB_BIND", "127.0.0.1:" + port);
            for (int i = 0; i < 3; i++) {
                pb.environment().put("POKER_NODE" + (i + 1), "127.0.0.1:" + nodePorts.get(i));
            }
            Process p = pb.start();
            Leftovers.add(p, "cluster-chaos-haproxy");
            return new Haproxy(port, p);
        }

        int health(HttpClient http) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            Leftovers.stop(process, "cluster-chaos-haproxy");
        }
    }

    /** Helper processes: recorded in POKER_TEST_PID_DIR and killed by a shutdown hook if a test leaves them. */
    private static final class Leftovers {
        private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                    "kill-leftover-chaos-helpers"));
        }

        private Leftovers() {}

        static void add(Process p, String kind) {
            LIVE.add(p);
            String dir = NodeProcess.setting("POKER_TEST_PID_DIR");
            if (dir != null && !dir.isEmpty() && Files.isDirectory(Path.of(dir))) {
                try {
                    Files.writeString(Path.of(dir, kind + "-" + p.pid() + ".pid"), p.pid() + "\n");
                } catch (IOException e) {
                    // only a safety net
                }
            }
        }

        static void stop(Process p, String kind) {
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
            LIVE.remove(p);
            String dir = NodeProcess.setting("POKER_TEST_PID_DIR");
            if (dir != null && !dir.isEmpty()) {
                try {
                    Files.deleteIfExists(Path.of(dir, kind + "-" + p.pid() + ".pid"));
                } catch (IOException e) {
                    // harmless
                }
            }
        }
    }
}
