package dev.poker.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the PostgreSQL instance the test command provisioned (pg_ctl, as its owner). */
final class PostgresControl {
    private PostgresControl() {}

    static void stop() {
        pgCtl("stop", "-m", "fast", "-w");
    }

    static void start() {
        String data = TestDatabases.setting("POKER_TEST_PG_DATA");
        pgCtl("start", "-w", "-l", Path.of(data).getParent().resolve("pg-restart.log").toString());
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
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("pg_ctl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
