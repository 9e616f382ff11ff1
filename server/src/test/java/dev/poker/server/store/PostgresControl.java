package dev.poker.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops, crashes and starts the PostgreSQL instance the test command provisioned (pg_ctl, as its owner).
 *
 * <p>Concurrency: stateless; one test at a time controls the instance.
 */
public final class PostgresControl {
    private PostgresControl() {}

    public static void stop() {
        pgCtl("stop", "-m", "fast", "-w");
    }

    /** {@code pg_ctl stop -m immediate}: no checkpoint, the next start replays the WAL (crash recovery). */
    public static void crash() {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    /**
     * SIGKILL of the postmaster (its pid is the first line of postmaster.pid), then waits until its backends
     * have noticed and exited too (a backend left running would keep the shared memory and block the next
     * start); backends still there after 10 s get SIGKILL as well. Returns the postmaster's pid.
     */
    public static long killPostmaster() {
        String data = TestDatabases.setting("POKER_TEST_PG_DATA");
        if (data == null) {
            throw new AssertionError("POKER_TEST_PG_DATA is not set: run with ./poker test");
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(Path.of(data, "postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("cannot read the postmaster's pid from " + data + "/postmaster.pid: " + e, e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("no postmaster process " + pid + " (PostgreSQL not running?)"));
        List<ProcessHandle> backends = postmaster.children().toList();
        signal(pid, "KILL");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (postmaster.isAlive() || backends.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                backends.stream().filter(ProcessHandle::isAlive).forEach(b -> signal(b.pid(), "KILL"));
                deadline = Long.MAX_VALUE;
            }
            sleep(20);
        }
        return pid;
    }

    /** Starts PostgreSQL unless it runs ({@code pg_ctl status}): a test that crashed it leaves it running. */
    public static void ensureRunning() {
        try {
            pgCtl("status");
        } catch (AssertionError notRunning) {
            start();
        }
    }

    public static void start() {
        String data = TestDatabases.setting("POKER_TEST_PG_DATA");
        pgCtl("start", "-w", "-l", Path.of(data).getParent().resolve("pg-restart.log").toString());
    }

    private static void signal(long pid, String signal) {
        run(List.of("kill", "-" + signal, Long.toString(pid)), "kill -" + signal + " " + pid);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pgCtl(String... args) {
        String bin = TestDatabases.setting("POKER_TEST_PG_BIN");
        String data = TestDatabases.setting("POKER_TEST_PG_DATA");
        String user = TestDatabases.setting("POKER_TEST_PG_CTL_USER");
        if (bin == null || data == null) {
            throw new AssertionError("POKER_TEST_PG_BIN and POKER_TEST_PG_DATA are not set: run with ./poker test");
        }
        List<String> cmd = new ArrayList<>();
        if (user != null && !user.isEmpty()) {
            cmd.addAll(List.of("runuser", "-u", user, "--"));
        }
        cmd.add(Path.of(bin, "pg_ctl").toString());
        cmd.addAll(List.of("-D", data));
        cmd.addAll(List.of(args));
        run(cmd, "pg_ctl " + String.join(" ", args));
    }

    private static void run(List<String> cmd, String what) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(what + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
