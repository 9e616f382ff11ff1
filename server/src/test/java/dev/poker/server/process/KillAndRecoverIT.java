package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.store.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The durability proof: a node runs as a separate process on PostgreSQL while bots play two tables as
 * fast as they can, and it is killed with SIGKILL several times at random moments. Each time a new node
 * process starts on the same database and port, the players reconnect with their session tokens,
 * re-join with the last seq they saw, resend unanswered decisions with the same actionId, and play on.
 * At the end everybody leaves, the node is stopped gracefully, and the database must show that:
 * <ul>
 * <li>every acknowledged decision is in the log exactly once, at or before its ack's seq, as the
 *     player's action in that hand; any other action of the player is a decision that was in flight
 *     at a kill and was never acknowledged (written, but the ack was lost with the node);</li>
 * <li>every event a client was sent is in the log at that seq; seqs have no gaps; epochs only grow,
 *     and every node generation wrote to every table;</li>
 * <li>every completed hand is stored ({@code HandEnded} events = {@code hands} rows);</li>
 * <li>the chip ledger balances ({@code poker.jar ledger check}), and with every player gone,
 *     balances + rake = chips issued.</li>
 * </ul>
 */
class KillAndRecoverIT {
    private static final long SEED = 0x5EED_2024L;
    private static final int TABLES = 2;
    private static final int PLAYERS_PER_TABLE = 4;
    private static final int KILLS = 4;
    private static final long BUY_IN = 10_000;
    private static final long GUEST_BALANCE = 100_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);

    /** One kill and what it took to come back. */
    private record Recovery(int kill, long playedMs, long healthMs, long rejoinedMs, long firstActionMs,
            long handsBefore, String recoveredLog) {}

    @Test
    @Timeout(value = 175, unit = TimeUnit.SECONDS)
    void everyAcknowledgedActionAndEveryHandSurvivesKillMinusNine() throws Exception {
        long testStarted = System.nanoTime();
        Random random = new Random(SEED);
        Map<String, String> db = TestDatabases.postgres();
        Map<String, String> env = new HashMap<>(db);
        env.put("POKER_TOKEN_SECRET", "kill-and-recover-token-secret-0123456789");
        env.put("POKER_HAND_DELAY_MS", "50");
        env.put("POKER_GUEST_BALANCE", Long.toString(GUEST_BALANCE));
        env.put("POKER_RATE_LIMIT", "1000"); // the bots act as fast as the node answers
        env.put("POKER_RATE_BURST", "1000");
        Path logDir = Path.of("target", "kill-and-recover").toAbsolutePath();
        if (java.nio.file.Files.isDirectory(logDir)) { // only this run's node logs
            try (var old = java.nio.file.Files.list(logDir)) {
                for (Path f : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        }

        AtomicInteger generation = new AtomicInteger(1);
        AtomicInteger port = new AtomicInteger(NodeProcess.freePort());
        List<NodeProcess> nodes = new ArrayList<>();
        List<ResilientPlayer> players = new ArrayList<>();
        List<Recovery> recoveries = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(TABLES * PLAYERS_PER_TABLE + 2, r -> {
            Thread t = new Thread(r, "kill-and-recover-client");
            t.setDaemon(true);
            return t;
        });
        // the WebSockets run on the client's own executor; the pool above is for reconnect loops and timers
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> tableIds = new ArrayList<>();
        try {
            NodeProcess node = startNode(runId, 1, port, env, logDir, nodes);
            System.out.printf("node 1 (pid %d) healthy after %d ms on port %d%n", node.pid(),
                    ms(node.awaitHealthy(START_TIMEOUT) - node.startedNanos()), node.port);

            for (int t = 0; t < TABLES; t++) {
                List<ResilientPlayer> atTable = new ArrayList<>();
                for (int s = 0; s < PLAYERS_PER_TABLE; s++) {
                    ResilientPlayer p = new ResilientPlayer("t" + t + "p" + s, port::get, generation::get, pool,
                            random.nextLong(), http);
                    p.connectAsGuest();
                    atTable.add(p);
                    players.add(p);
                }
                String table = atTable.get(0).createTable("kill -9 table " + t);
                tableIds.add(table);
                for (int s = 0; s < PLAYERS_PER_TABLE; s++) {
                    atTable.get(s).sit(table, s, BUY_IN);
                }
            }
            for (String table : tableIds) {
                await(Duration.ofSeconds(20), "a first acknowledged action at " + table,
                        () -> acked(players, table, 1) > 0, players, nodes);
            }

            for (int k = 1; k <= KILLS; k++) {
                long playMs = 1_000 + random.nextInt(3_001);
                Thread.sleep(playMs);
                long handsBefore = handsSeen(players);
                long killedAt = System.nanoTime();
                int status = node.kill();
                assertThat(status).as("node %d was killed by SIGKILL", k).isEqualTo(NodeProcess.KILLED);
                int gen = generation.incrementAndGet();
                node = startNode(runId, gen, port, env, logDir, nodes);
                long healthyAt = node.awaitHealthy(START_TIMEOUT);
                await(Duration.ofSeconds(30), "every player back at its table after kill " + k,
                        () -> players.stream().allMatch(p -> p.rejoinedGen == gen), players, nodes);
                long rejoinedAt = players.stream().mapToLong(p -> p.rejoinedNanos).max().orElseThrow();
                for (String table : tableIds) {
                    await(Duration.ofSeconds(30), "an acknowledged action at " + table + " after kill " + k,
                            () -> acked(players, table, gen) > 0, players, nodes);
                }
                long firstAck = players.stream().flatMap(p -> p.decisions().stream())
                        .filter(d -> d.answeredGen == gen && "ack".equals(d.outcome))
                        .mapToLong(d -> d.answeredNanos).min().orElseThrow();
                recoveries.add(new Recovery(k, playMs, ms(healthyAt - killedAt), ms(rejoinedAt - killedAt),
                        ms(firstAck - killedAt), handsBefore, recoveredLine(node)));
            }

            // some more play on the last node, then everybody stops and leaves
            long handsAtLastKill = handsSeen(players);
            Thread.sleep(1_000 + random.nextInt(1_001));
            await(Duration.ofSeconds(30), "hands completed after the last restart",
                    () -> handsSeen(players) >= handsAtLastKill + 2 * TABLES, players, nodes);
            assertThat(ResilientPlayer.windDown(players, 15_000, 20_000)).as("every player left its table").isEmpty();
            players.forEach(ResilientPlayer::close);
            int status = node.stop(Duration.ofSeconds(30));
            assertThat(status).as("the last node stopped on SIGTERM (exit status)")
                    .isIn(0, NodeProcess.TERMINATED);
            assertThat(node.logText()).as("the last node shut down gracefully").contains("stopped");

            System.out.println("==== kill -9 and recover ====");
            for (Recovery r : recoveries) {
                System.out.printf("kill %d after %d ms of play (%d hands seen so far): /health 200 after %d ms,"
                                + " all %d players back after %d ms, first acknowledged action after %d ms; %s%n",
                        r.kill, r.playedMs, r.handsBefore, r.healthMs, players.size(), r.rejoinedMs,
                        r.firstActionMs, r.recoveredLog);
            }
            for (ResilientPlayer p : players) {
                synchronized (p) {
                    assertThat(p.problems).as("client problems of %s", p.name).isEmpty();
                    assertThat(p.gaps).as("seq gaps seen by %s", p.name).isZero();
                }
            }
            AuditLogChecks.Totals totals = AuditLogChecks.checkDatabase(db, players, tableIds,
                    new AuditLogChecks.Expectations(KILLS + 1, ResilientPlayer.Decision::inFlightAtKill, true));
            AuditLogChecks.checkLedger(db, TABLES * PLAYERS_PER_TABLE * GUEST_BALANCE);

            System.out.printf("tables %d, players %d, kills %d (SIGKILL), node generations %d%n", TABLES,
                    players.size(), KILLS, generation.get());
            System.out.printf("hands completed %d (hands rows %d), events %d, actions acknowledged %d,"
                            + " decisions resent after a kill %d (of which written before the kill and answered"
                            + " with the original ack %d, refused %d), actions written at a kill and never"
                            + " acknowledged %d, folds by leaving %d, player timeouts %d%n",
                    totals.handsEnded, totals.handRows, totals.events, totals.acked, totals.resent,
                    totals.ackLostThenRepeated, totals.refusedAfterResend, totals.writtenUnacked, totals.leaveFolds,
                    totals.timeouts);
            System.out.printf("test took %d ms; node logs in %s%n", ms(System.nanoTime() - testStarted), logDir);
        } finally {
            players.forEach(ResilientPlayer::close);
            for (NodeProcess n : nodes) {
                n.close();
            }
            pool.shutdownNow();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static NodeProcess startNode(String runId, int gen, AtomicInteger port, Map<String, String> env,
            Path logDir, List<NodeProcess> nodes) throws Exception {
        String id = "kr-" + runId + "-node" + gen;
        NodeProcess n = NodeProcess.start(id, port.get(), env, logDir);
        nodes.add(n);
        // the same port is reused (SO_REUSEADDR); should something else have taken it, move to a new one
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && n.alive() && n.health() != 200) {
            Thread.sleep(20);
        }
        if (!n.alive() && n.logText().contains("Address already in use")) {
            port.set(NodeProcess.freePort());
            n = NodeProcess.start(id + "b", port.get(), env, logDir);
            nodes.add(n);
        }
        return n;
    }

    /** The recovery line of a node's log ("recovered 2 tables (N events) in M ms"). */
    private static String recoveredLine(NodeProcess n) {
        for (String line : n.logText().split("\n")) {
            int i = line.indexOf("recovered ");
            if (i >= 0) {
                return "node log: " + line.substring(i).strip();
            }
        }
        return "node log: no recovery line";
    }

    private static long acked(List<ResilientPlayer> players, String table, int gen) {
        return players.stream().filter(p -> table.equals(p.table)).flatMap(p -> p.decisions().stream())
                .filter(d -> "ack".equals(d.outcome) && d.answeredGen >= gen).count();
    }

    private static long handsSeen(List<ResilientPlayer> players) {
        Map<String, Long> byTable = new HashMap<>();
        for (ResilientPlayer p : players) {
            long n;
            synchronized (p) {
                n = p.seen.values().stream().filter(v -> v.startsWith("HandEnded")).count();
            }
            byTable.merge(p.table, n, Math::max);
        }
        return byTable.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits for a condition; on timeout the failure shows every player's state and the node's log. */
    private static void await(Duration timeout, String what, BooleanSupplier condition, List<ResilientPlayer> players,
            List<NodeProcess> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("timed out after " + timeout.toSeconds() + " s waiting for " + what);
                for (ResilientPlayer p : players) {
                    sb.append("\n  ").append(p.status());
                }
                NodeProcess node = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
                if (node != null) {
                    sb.append("\nnode ").append(node.nodeId).append(node.alive() ? " running" : " exited")
                            .append(", /health ").append(node.health()).append(", log:\n").append(node.tail(40));
                }
                throw new AssertionError(sb.toString());
            }
            Thread.sleep(10);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
