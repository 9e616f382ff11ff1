package dev.poker.server.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provisioning scripts under deploy/ (pg-ha.sh, pg-backup.sh, restore-drill.sh) as the tests run them:
 * bash, a time limit, the output, and the {@code NAME=VALUE} lines they print.
 *
 * <p>Concurrency: stateless.
 */
final class LocalScripts {
    private LocalScripts() {}

    /** deploy/{@code path} of the repository (tests run in server/). */
    static Path script(String path) {
        Path s = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy").resolve(path);
        if (!Files.isRegularFile(s)) {
            throw new AssertionError(s + " is missing (tests run in server/)");
        }
        return s;
    }

    /**
     * A new directory for services, with the marker and pids/ of services.sh's make_service_dir, inside the
     * test command's POKER_TEST_TMPDIR when there is one (its sweep then stops whatever a test leaves).
     */
    static Path serviceDir(String name) throws IOException {
        String base = NodeProcess.setting("POKER_TEST_TMPDIR");
        Path parent = base != null && !base.isEmpty() ? Path.of(base) : Path.of("target").toAbsolutePath();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, name + "-");
        Files.writeString(dir.resolve(".poker-services"), "");
        Files.createDirectories(dir.resolve("pids"));
        return dir;
    }

    /** Runs {@code bash deploy/SCRIPT ARGS} with {@code env} added; fails unless it exits 0 in time. */
    static String run(String script, Map<String, String> env, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("script", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " " + String.join(" ", args) + " did not finish within "
                        + timeoutSeconds + " s:\n" + Files.readString(out));
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new AssertionError(script + " " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The {@code NAME=VALUE} lines of {@code output} whose name starts with {@code prefix}. */
    static Map<String, String> settings(String output, String prefix) {
        Map<String, String> m = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith(prefix) && eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return m;
    }
}
