package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.store.LedgerCheck;
import dev.poker.server.store.Database;
import dev.poker.server.store.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backups and the restore drill (deploy/local/pg-backup.sh, deploy/backup/restore-drill.sh): a node plays
 * two tables on a PostgreSQL whose WAL pgBackRest archives; a full backup is taken under play; play goes
 * on, a moment T is recorded, play goes on after it. The drill restores the backup to T into a fresh
 * instance and runs {@code poker.jar ledger check} against it. On the restored database every action
 * acknowledged before T must be there as it was written, nothing written after T may be, and the ledger
 * balances. Prints {@code BACKUP:} the backup's duration, how soon a WAL switch is archived (the RPO of a
 * lost primary is at most archive_timeout plus that) and the drill's restore and total times (RTO).
 */
class BackupRestoreIT {
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'+00'")
            .withZone(ZoneOffset.UTC);
    private static final long BUY_IN = 10_000;
    private static final int TABLES = 2;
    private static final int PLAYERS_PER_TABLE = 3;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aPointInTimeRestoreHoldsEveryActionAcknowledgedBeforeIt() throws Exception {
        Path dir = LocalScripts.serviceDir("pg-backup");
        Path logDir = Path.of("target", "backup-restore").toAbsolutePath();
        List<ResilientPlayer> players = new ArrayList<>();
        NodeProcess node = null;
        ExecutorService pool = Executors.newFixedThreadPool(TABLES * PLAYERS_PER_TABLE + 2, r -> {
            Thread t = new Thread(r, "backup-restore-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Map<String, String> pgb = LocalScripts.settings(
                    LocalScripts.run("local/pg-backup.sh", Map.of(), 120, "up", dir.toString()), "PGB_");
            Map<String, String> db = new HashMap<>(TestDatabases.h2());
            db.put("POKER_DB_URL", pgb.get("PGB_URL"));
            db.put("POKER_DB_USER", "poker");
            db.put("POKER_DB_PASSWORD", "");
            Map<String, String> env = new HashMap<>(db);
            env.put("POKER_TOKEN_SECRET", "backup-restore-token-secret-0123456789");
            env.put("POKER_HAND_DELAY_MS", "300");
            env.put("POKER_RATE_LIMIT", "1000");
            env.put("POKER_RATE_BURST", "1000");
            env.put("POKER_DATA_DIR", logDir.resolve("node-data").toString());
            node = NodeProcess.start("node1", NodeProcess.freePort(), env, logDir);
            node.awaitHealthy(Duration.ofSeconds(90));

            List<String> tables = SeatedTables.seat(TABLES, PLAYERS_PER_TABLE, BUY_IN, new int[] {node.port}, players,
                    pool, http, new Random(0xBAC0L));
            awaitAcked(players, 10, Duration.ofSeconds(30));

            // a full backup while the tables play
            long ackedBeforeBackup = acked(players).size();
            Map<String, String> backup = LocalScripts.settings(
                    LocalScripts.run("local/pg-backup.sh", Map.of(), 180, "backup", dir.toString(), "full"), "BACKUP_");
            long ackedDuringBackup = acked(players).size() - ackedBeforeBackup;
            assertThat(ackedDuringBackup).as("play went on during the backup").isPositive();

            Thread.sleep(3_000);
            Instant target = Instant.now();
            long targetNanos = System.nanoTime();
            Thread.sleep(3_000);
            for (ResilientPlayer p : players) {
                p.stopDeciding();
            }
            for (ResilientPlayer p : players) {
                p.awaitLastDecision(20_000);
            }
            Map<String, String> archive = LocalScripts.settings(
                    LocalScripts.run("local/pg-backup.sh", Map.of(), 90, "archive", dir.toString()), "ARCHIVE_");

            // acknowledged before T: answered before it, so committed before it
            List<ResilientPlayer.Decision> beforeT = acked(players).stream()
                    .filter(d -> d.answeredNanos < targetNanos).toList();
            List<ResilientPlayer.Decision> afterT = acked(players).stream()
                    .filter(d -> d.answeredNanos > targetNanos + 1_000_000_000L).toList();
            assertThat(beforeT).isNotEmpty();
            assertThat(afterT).as("play went on after T").isNotEmpty();
            Map<String, String> original = new HashMap<>();
            try (Database d = TestDatabases.open(db)) {
                for (ResilientPlayer.Decision dec : beforeT) {
                    original.put(dec.table + "#" + dec.ackSeq, row(d, dec.table, dec.ackSeq));
                }
            }

            Path restoreDir = dir.resolve("restore");
            Map<String, String> drill = LocalScripts.settings(LocalScripts.run("backup/restore-drill.sh",
                    Map.of("POKER_DRILL_JAR", NodeProcess.jar().toString()), 240, "--config", pgb.get("PGB_CONFIG"),
                    "--target", PG_TIME.format(target), "--dir", restoreDir.toString(), "--keep"), "");
            assertThat(drill).containsKeys("RESTORE_URL", "RESTORE_SECONDS", "DRILL_SECONDS");

            Map<String, String> restoredDb = new HashMap<>(TestDatabases.h2());
            restoredDb.put("POKER_DB_URL", drill.get("RESTORE_URL"));
            restoredDb.put("POKER_DB_USER", "poker");
            restoredDb.put("POKER_DB_PASSWORD", "");
            try (Database d = TestDatabases.open(restoredDb)) {
                for (ResilientPlayer.Decision dec : beforeT) {
                    assertThat(row(d, dec.table, dec.ackSeq)).as("acknowledged before T: %s", dec)
                            .isEqualTo(original.get(dec.table + "#" + dec.ackSeq));
                }
                for (ResilientPlayer.Decision dec : afterT) {
                    assertThat(row(d, dec.table, dec.ackSeq)).as("acknowledged after T: %s", dec).isNull();
                }
                Long last = d.dsl().fetchOne("SELECT MAX(at_ms) FROM table_events").get(0, Long.class);
                assertThat(last).as("nothing written after T is restored").isLessThanOrEqualTo(target.toEpochMilli());
                LedgerCheck.Report report = new LedgerCheck(d).run();
                assertThat(report.problems()).as("the restored ledger").isEmpty();
            }
            System.out.printf("BACKUP: full backup under play %s s (%d actions acknowledged meanwhile); a WAL switch"
                            + " archived within %s s (archive_timeout 1 s here, 60 s in deploy/backup/pgbackrest.conf:"
                            + " RPO of a lost primary <= archive_timeout + that); restore to T and recovery %s s, drill"
                            + " with ledger check %s s (RTO); %d actions acknowledged before T all restored, %d after T"
                            + " absent%n", backup.get("BACKUP_SECONDS"), ackedDuringBackup,
                    archive.get("ARCHIVE_SECONDS"), drill.get("RESTORE_SECONDS"), drill.get("DRILL_SECONDS"),
                    beforeT.size(), afterT.size());
        } finally {
            players.forEach(ResilientPlayer::close);
            if (node != null) {
                node.close();
            }
            pool.shutdownNow();
            LocalScripts.run("local/pg-backup.sh", Map.of(), 60, "down", dir.toString());
        }
    }

    private static List<ResilientPlayer.Decision> acked(List<ResilientPlayer> players) {
        return SeatedTables.acked(players, null);
    }

    private static void awaitAcked(List<ResilientPlayer> players, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked(players).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " acknowledged actions within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** The event at a table's seq as kind and payload, or null when there is none. */
    private static String row(Database d, String table, long seq) {
        Record r = d.dsl().fetchOne("SELECT kind, payload FROM table_events WHERE table_id = ? AND seq = ?", table, seq);
        return r == null ? null : r.get(0, String.class) + " " + r.get(1, String.class);
    }
}
