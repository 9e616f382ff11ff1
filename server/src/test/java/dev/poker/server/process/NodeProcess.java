package dev.poker.server.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A poker node as a separate operating-system process: {@code java -jar server/target/poker.jar serve}
 * with its settings in the environment and its output in a log file. It can be killed with SIGKILL
 * (nothing runs in the node: no shutdown hook, no flush) or stopped with SIGTERM (graceful shutdown).
 *
 * <p>Every process started here is also recorded in {@code POKER_TEST_PID_DIR} when the test command
 * provides it, and destroyed by a JVM shutdown hook if the test JVM ends while it still runs.
 *
 * <p>Concurrency: one test thread drives an instance; {@link #LIVE} is thread-safe.
 */
final class NodeProcess implements AutoCloseable {
    /** SIGKILL shows as exit status 128 + 9. */
    static final int KILLED = 137;
    /** SIGTERM after the JVM's shutdown hooks ran shows as 128 + 15. */
    static final int TERMINATED = 143;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-leftover-nodes"));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String nodeId;
    final int port;
    final Path log;
    private final Process process;
    private final long startedNanos;
    private volatile long healthyNanos;

    private NodeProcess(String nodeId, int port, Path log, Process process, long startedNanos) {
        this.nodeId = nodeId;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** The shaded, runnable jar built by {@code package} (Failsafe runs after it). */
    static Path jar() {
        for (Path p : List.of(Path.of("target", "poker.jar"), Path.of("server", "target", "poker.jar"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new AssertionError("server/target/poker.jar is missing (working directory "
                + Path.of("").toAbsolutePath() + "): run the integration tests after package (./poker test)");
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts {@code java -Xmx512m -jar poker.jar serve} with {@code env} added to this JVM's environment. */
    static NodeProcess start(String nodeId, int port, Map<String, String> env, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(nodeId + ".log");
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("POKER_PORT", Integer.toString(port));
        pb.environment().put("POKER_HOST", "127.0.0.1");
        pb.environment().put("POKER_NODE_ID", nodeId);
        long started = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        recordPid(p);
        return new NodeProcess(nodeId, port, log, p, started);
    }

    private static void recordPid(Process p) {
        String dir = setting("POKER_TEST_PID_DIR");
        if (dir == null || dir.isEmpty() || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        try {
            Files.writeString(Path.of(dir, "kill-and-recover-node-" + p.pid() + ".pid"), p.pid() + "\n");
        } catch (IOException e) {
            // only a safety net: the test stops its processes itself
        }
    }

    private static void forgetPid(Process p) {
        String dir = setting("POKER_TEST_PID_DIR");
        if (dir != null && !dir.isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(dir, "kill-and-recover-node-" + p.pid() + ".pid"));
            } catch (IOException e) {
                // harmless
            }
        }
    }

    static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isEmpty() ? v : System.getenv(name);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** GET /health: the status code, or -1 when nothing answers. */
    int health() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Waits until /health answers 200; returns the nanoTime it did. Fails when the process exits first
     * or the timeout passes.
     */
    long awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("node " + nodeId + " exited with " + process.exitValue()
                        + " before /health said 200; its log:\n" + tail(60));
            }
            if (health() == 200) {
                healthyNanos = System.nanoTime();
                return healthyNanos;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("node " + nodeId + " did not become healthy within " + timeout + "; its log:\n"
                + tail(60));
    }

    long startedNanos() {
        return startedNanos;
    }

    /** SIGKILL: the node gets no chance to do anything. Returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly(); // java.lang.ProcessImpl on Linux: kill(pid, SIGKILL)
        return awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the node drains and shuts down through its shutdown hook. Returns the exit status. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy(); // kill(pid, SIGTERM)
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
            throw new AssertionError("node " + nodeId + " did not stop within " + timeout + " of SIGTERM; log:\n"
                    + tail(60));
        }
        return exited();
    }

    /** SIGSTOP: the process freezes (threads, timers, sockets stay open but nothing answers). */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT: a {@link #pause}d process runs on. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits until the process exits by itself; returns its exit status, or fails after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node " + nodeId + " (pid " + process.pid() + ") did not exit");
        }
        return exited();
    }

    private int exited() {
        LIVE.remove(process);
        forgetPid(process);
        return process.exitValue();
    }

    /** The last lines of the node's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Never leaves the process running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                resume(); // a paused process would not die before it runs again
            } catch (IOException | InterruptedException | AssertionError e) {
                // destroyForcibly below: SIGKILL works on a stopped process too
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
        forgetPid(process);
    }

    /** Runs {@code java -jar poker.jar ARGS...} to completion; returns exit status and output. */
    static Result run(Map<String, String> env, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("poker-cli-", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        LIVE.add(p);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("poker " + String.join(" ", args) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            LIVE.remove(p);
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }

    record Result(int exitCode, String output) {}
}
