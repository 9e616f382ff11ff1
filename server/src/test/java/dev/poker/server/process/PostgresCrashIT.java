package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.registry.TestRedis;
import dev.poker.server.store.PostgresControl;
import dev.poker.server.store.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * PostgreSQL crashes under play: three nodes ({@code poker.jar serve} in cluster mode, a private Redis, the
 * test command's PostgreSQL) while players ({@link ResilientPlayer}, connected to the three nodes in turn, so
 * most commands are forwarded to the table's owner) play three tables. Four times PostgreSQL dies at a
 * random moment ({@code pg_ctl stop -m immediate} three times, SIGKILL of the postmaster once), stays down
 * {@value #DOWN_MS} ms and is started again (crash recovery replays the WAL); the tables pause and must
 * complete a hand within {@value #PROGRESS_BOUND_MS} ms of the restart, by themselves. At the end the
 * players leave, the nodes get SIGTERM, and:
 * <ul>
 * <li>every acknowledged action is in the log exactly once, as that player's action in that hand
 *     ({@link AuditLogChecks#checkDatabase}); seqs gapless from 1, epochs never going down;</li>
 * <li>every event any client was sent is in the log at that seq with the same content, compared whole
 *     ({@link FrameChecks}): no seq was written twice with different content;</li>
 * <li>the chip ledger is clean ({@link AuditLogChecks#checkLedger}).</li>
 * </ul>
 * The counts go to standard output and to target/pg-crash-figures.txt. With {@code -Dpgcrash.unsafe=true}
 * the test database runs with {@code synchronous_commit = off} and the nodes with
 * {@code POKER_UNSAFE_DURABILITY}: the setting that lost acknowledged actions in issue 11, to see these
 * checks fail on it.
 */
class PostgresCrashIT {
    private static final String TOKEN_SECRET = "pg-crash-token-secret-0123456789abcdef";
    private static final long BUY_IN = 10_000;
    private static final long GUEST_BALANCE = 100_000;
    private static final int TABLES = 3;
    private static final int PLAYERS_PER_TABLE = 3;
    private static final String[] CRASHES = {"immediate", "immediate", "sigkill", "immediate"};
    private static final long DOWN_MS = 1_500;
    private static final long PROGRESS_BOUND_MS = 60_000;
    private static final long ANSWER_TIMEOUT_MS = 6_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void noAcknowledgedActionIsLostAndNoSeqIsRewrittenWhenPostgresCrashes() throws Exception {
        long testStarted = System.nanoTime();
        Random random = new Random(0x9C_C4A5L);
        Map<String, String> db = TestDatabases.postgres();
        boolean unsafe = Boolean.getBoolean("pgcrash.unsafe");
        if (unsafe) { // the durability bug of issue 11, on purpose: the checks below must catch it
            try (var d = TestDatabases.open(db)) {
                String name = db.get("POKER_DB_URL").substring(db.get("POKER_DB_URL").lastIndexOf('/') + 1);
                d.dsl().execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
            }
        }
        Path logDir = Path.of("target", "pg-crash").toAbsolutePath();
        clean(logDir);
        AtomicInteger generation = new AtomicInteger(1); // no node dies here: one generation throughout
        List<NodeProcess> nodes = new ArrayList<>();
        List<ResilientPlayer> players = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(TABLES * PLAYERS_PER_TABLE + 2, r -> {
            Thread t = new Thread(r, "pg-crash-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (TestRedis redis = TestRedis.startPrivate()) {
            Map<String, String> env = new HashMap<>(db);
            env.put("POKER_REDIS_URL", redis.url());
            env.put("POKER_TOKEN_SECRET", TOKEN_SECRET);
            env.put("POKER_HAND_DELAY_MS", "100");
            env.put("POKER_LEASE_TTL_MS", "2000");
            env.put("POKER_GUEST_BALANCE", Long.toString(GUEST_BALANCE));
            env.put("POKER_RATE_LIMIT", "1000"); // the players act as fast as the nodes answer
            env.put("POKER_RATE_BURST", "1000");
            env.put("POKER_UNSAFE_DURABILITY", Boolean.toString(unsafe));
            for (int i = 1; i <= 3; i++) {
                Map<String, String> e = new HashMap<>(env);
                e.put("POKER_DATA_DIR", logDir.resolve("node" + i + "-data").toString());
                nodes.add(NodeProcess.start("pgcrash-node" + i, NodeProcess.freePort(), e, logDir));
            }
            for (NodeProcess n : nodes) {
                n.awaitHealthy(START_TIMEOUT);
            }
            List<String> tables = new ArrayList<>();
            for (int t = 0; t < TABLES; t++) {
                List<ResilientPlayer> at = new ArrayList<>();
                for (int s = 0; s < PLAYERS_PER_TABLE; s++) {
                    int port = nodes.get((t * PLAYERS_PER_TABLE + s) % nodes.size()).port;
                    ResilientPlayer p = new ResilientPlayer("t" + t + "p" + s, () -> port, generation::get, pool,
                            random.nextLong(), http);
                    p.resendUnansweredAfter(ANSWER_TIMEOUT_MS);
                    p.connectAsGuest();
                    at.add(p);
                    players.add(p);
                }
                String table = at.get(0).createTable("pg crash table " + t);
                tables.add(table);
                for (int s = 0; s < at.size(); s++) {
                    at.get(s).sit(table, s, BUY_IN);
                }
                Thread.sleep(700); // the nodes' heartbeats carry their table counts to placement
            }
            for (String t : tables) {
                await(Duration.ofSeconds(30), "a first hand at " + t, () -> handsSeen(players, t) > 0, players, nodes);
            }

            List<String> crashLines = new ArrayList<>();
            for (int k = 1; k <= CRASHES.length; k++) {
                Thread.sleep(1_000 + random.nextInt(2_001));
                long ackedBefore = acked(players);
                String how = CRASHES[k - 1];
                long crashedAt = System.nanoTime();
                if (how.equals("sigkill")) {
                    long pid = PostgresControl.killPostmaster();
                    System.out.printf("crash %d: SIGKILL of the postmaster (pid %d); it and its backends gone after"
                            + " %d ms%n", k, pid, ms(System.nanoTime() - crashedAt));
                } else {
                    PostgresControl.crash();
                    System.out.printf("crash %d: pg_ctl stop -m immediate%n", k);
                }
                Thread.sleep(DOWN_MS);
                PostgresControl.start();
                long restartedAt = System.nanoTime();
                // every hand completed from now on was written after the restart
                Map<String, Long> handsAtRestart = new HashMap<>();
                tables.forEach(t -> handsAtRestart.put(t, handsSeen(players, t)));
                for (String t : tables) {
                    await(Duration.ofMillis(PROGRESS_BOUND_MS), "a hand completed at " + t + " after crash " + k,
                            () -> handsSeen(players, t) > handsAtRestart.get(t), players, nodes);
                }
                String line = String.format("crash %d (%s) after %d actions acknowledged: PostgreSQL down %d ms (from"
                        + " the crash to accepting connections after recovery); every table completed a hand %d ms"
                        + " after that", k, how, ackedBefore, ms(restartedAt - crashedAt),
                        ms(System.nanoTime() - restartedAt));
                System.out.println(line);
                crashLines.add(line);
            }
            Thread.sleep(1_500);

            windDown(players, nodes);
            for (ResilientPlayer p : players) {
                synchronized (p) {
                    assertThat(p.problems).as("client problems of %s", p.name).isEmpty();
                    assertThat(p.gaps).as("seq gaps seen by %s", p.name).isZero();
                }
            }
            AuditLogChecks.Totals totals = AuditLogChecks.checkDatabase(db, players, tables,
                    new AuditLogChecks.Expectations(null, d -> d.inFlightAtKill() || d.retries > 0, false));
            FrameChecks.Result frames = FrameChecks.compare(db, players, tables);
            assertThat(frames.problems()).as("events the clients were sent against the log").isEmpty();
            assertThat(totals.acked).as("acknowledged actions checked").isPositive();
            assertThat(frames.compared()).as("client frames compared").isPositive();
            AuditLogChecks.checkLedger(db, players.size() * GUEST_BALANCE);

            long retried = players.stream().flatMap(p -> p.decisions().stream()).filter(d -> d.retries > 0).count();
            List<String> figures = new ArrayList<>(crashLines);
            figures.add(String.format("crashes %d (pg_ctl stop -m immediate %d, postmaster SIGKILL %d), nodes 3,"
                    + " tables %d, players %d", CRASHES.length,
                    List.of(CRASHES).stream().filter(c -> c.equals("immediate")).count(),
                    List.of(CRASHES).stream().filter(c -> c.equals("sigkill")).count(), TABLES, players.size()));
            figures.add(String.format("acks checked %d (each in the log exactly once), events compared %d (whole,"
                    + " client frame against the log row), log events %d, hands completed %d, decisions retried"
                    + " %d, actions written whose answer was lost %d, player timeouts %d", totals.acked,
                    frames.compared(), totals.events, totals.handsEnded, retried, totals.writtenUnacked,
                    totals.timeouts));
            figures.add(String.format("test took %d ms; node logs in %s", ms(System.nanoTime() - testStarted),
                    logDir));
            figures.forEach(System.out::println);
            Files.write(Path.of("target", "pg-crash-figures.txt"), figures);
        } finally {
            players.forEach(ResilientPlayer::close);
            for (NodeProcess n : nodes) {
                n.close();
            }
            pool.shutdownNow();
            PostgresControl.ensureRunning(); // for the tests after this one, whatever happened here
        }
    }

    /** The players stop and leave, then every node gets SIGTERM. */
    private static void windDown(List<ResilientPlayer> players, List<NodeProcess> nodes) throws Exception {
        assertThat(ResilientPlayer.windDown(players, 20_000, 30_000)).as("every player left its table").isEmpty();
        players.forEach(ResilientPlayer::close);
        for (NodeProcess n : nodes) {
            int status = n.stop(Duration.ofSeconds(40));
            assertThat(status).as("%s stopped on SIGTERM (exit status)", n.nodeId).isIn(0, NodeProcess.TERMINATED);
        }
    }

    private static long handsSeen(List<ResilientPlayer> players, String table) {
        long most = 0;
        for (ResilientPlayer p : players) {
            if (table.equals(p.table)) {
                synchronized (p) {
                    most = Math.max(most, p.seen.values().stream().filter(v -> v.startsWith("HandEnded")).count());
                }
            }
        }
        return most;
    }

    private static long acked(List<ResilientPlayer> players) {
        return players.stream().flatMap(p -> p.decisions().stream()).filter(d -> "ack".equals(d.outcome)).count();
    }

    /** Waits for a condition; on timeout the failure shows every player's state and the nodes' logs. */
    private static void await(Duration timeout, String what, BooleanSupplier condition, List<ResilientPlayer> players,
            List<NodeProcess> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("timed out after " + timeout.toMillis() + " ms waiting for " + what);
                for (ResilientPlayer p : players) {
                    sb.append("\n  ").append(p.status());
                }
                for (NodeProcess n : nodes) {
                    sb.append("\nnode ").append(n.nodeId).append(n.alive() ? " running" : " exited")
                            .append(", /health ").append(n.health()).append(", log:\n").append(n.tail(25));
                }
                throw new AssertionError(sb.toString());
            }
            Thread.sleep(20);
        }
    }

    private static void clean(Path dir) throws Exception {
        if (Files.isDirectory(dir)) { // only this run's logs
            try (var old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
