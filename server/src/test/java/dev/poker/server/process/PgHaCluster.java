package dev.poker.server.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL under Patroni as deploy/local/pg-ha.sh starts it: etcd, a primary and a synchronous standby,
 * HAProxy sending every connection to the current primary. Its files and processes live under one
 * directory (inside the test command's POKER_TEST_TMPDIR when there is one, so its sweep finds leftovers);
 * {@link #close} stops everything the script started.
 *
 * <p>Concurrency: one test thread drives an instance.
 */
final class PgHaCluster implements AutoCloseable {
    final Path dir;
    /** NAME=VALUE settings the script printed (PGHA_URL, PGHA_PORT, PGHA_REST1_PORT, ...). */
    final Map<String, String> settings;

    private PgHaCluster(Path dir, Map<String, String> settings) {
        this.dir = dir;
        this.settings = settings;
    }

    static PgHaCluster up() throws IOException, InterruptedException {
        Path dir = LocalScripts.serviceDir("pg-ha");
        String out = run(180, "up", dir.toString());
        Map<String, String> settings = LocalScripts.settings(out, "PGHA_");
        if (!settings.containsKey("PGHA_URL")) {
            throw new AssertionError("pg-ha.sh up printed no PGHA_URL:\n" + out);
        }
        return new PgHaCluster(dir, settings);
    }

    /** Node settings for the database behind HAProxy (superuser poker, trust authentication). */
    Map<String, String> database() {
        return Map.of("POKER_DB_URL", settings.get("PGHA_URL"), "POKER_DB_USER", "poker", "POKER_DB_PASSWORD", "poker");
    }

    /** The member that is the primary now (pg1 or pg2), or null. */
    String leader() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", LocalScripts.script("local/pg-ha.sh").toString(), "leader", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? out : null;
    }

    /** The pids of member {@code name}'s Patroni and postmaster. */
    List<Long> pids(String name) throws IOException, InterruptedException {
        return run(10, "pids", dir.toString(), name).lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(Long::parseLong).toList();
    }

    String status() {
        try {
            return run(20, "status", dir.toString());
        } catch (IOException | InterruptedException | AssertionError e) {
            return "(pg-ha.sh status: " + e.getMessage() + ")";
        }
    }

    private static String run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return LocalScripts.run("local/pg-ha.sh", Map.of(), timeoutSeconds, args);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(60, "down", dir.toString());
    }
}
