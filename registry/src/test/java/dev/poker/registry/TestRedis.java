package dev.poker.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Redis for the integration tests: the shared server the test command started
 * ({@code POKER_TEST_REDIS_URL}) and private servers a test may stop and restart
 * ({@code POKER_TEST_REDIS_BIN}), each on a free port of 127.0.0.1 with no persistence.
 *
 * <p>Every private server is recorded in {@code POKER_TEST_PID_DIR} when the test command provides
 * it, runs in a directory under {@code POKER_TEST_TMPDIR} (both let the test command kill leftovers)
 * and is destroyed by a JVM shutdown hook if a test leaves it running.
 *
 * <p>Concurrency: one test thread drives an instance; {@link #LIVE} is thread-safe.
 */
public final class TestRedis implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-leftover-redis"));
    }

    final int port;
    private final Path dir;
    private Process process;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isEmpty() ? v : System.getenv(name);
    }

    /** The shared Redis of the test run. */
    public static String sharedUrl() {
        String url = setting("POKER_TEST_REDIS_URL");
        if (url == null) {
            throw new AssertionError("POKER_TEST_REDIS_URL is not set: run the integration tests with ./poker test");
        }
        return url;
    }

    /** A namespace no other test uses, so tests sharing one Redis never see each other's keys. */
    static String uniqueNamespace() {
        return "poker-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts a private redis-server on a free port. */
    public static TestRedis startPrivate() throws IOException, InterruptedException {
        String bin = setting("POKER_TEST_REDIS_BIN");
        if (bin == null) {
            throw new AssertionError("POKER_TEST_REDIS_BIN is not set: run the integration tests with ./poker test");
        }
        String tmp = setting("POKER_TEST_TMPDIR");
        Path base = tmp != null && Files.isDirectory(Path.of(tmp)) ? Path.of(tmp) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "registry-redis-");
        TestRedis r = new TestRedis(freePort(), dir);
        r.start();
        return r;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** (Re)starts the server on its port, with no data; returns once it answers PING. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        String bin = setting("POKER_TEST_REDIS_BIN");
        ProcessBuilder pb = new ProcessBuilder(List.of(bin, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        process = pb.start();
        LIVE.add(process);
        recordPid(process.pid());
        awaitUntil(Duration.ofSeconds(10), () -> !process.isAlive() || ping(), "redis-server to answer on " + port);
        if (!process.isAlive()) {
            throw new AssertionError("redis-server exited with " + process.exitValue() + "; see " + dir);
        }
    }

    /** Stops the server (SIGTERM; no persistence, so it exits at once) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            try {
                resume(); // a paused server would not act on SIGTERM
            } catch (IOException e) {
                // destroyForcibly below
            }
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        LIVE.remove(process);
        forgetPid(process.pid());
    }

    /** Freezes the server (SIGSTOP): connections stay open but nothing answers, like a hung host. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Thaws a {@link #pause}d server (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void recordPid(long pid) {
        String d = setting("POKER_TEST_PID_DIR");
        if (d != null && Files.isDirectory(Path.of(d))) {
            try {
                Files.writeString(Path.of(d, "registry-redis-" + pid + ".pid"), pid + "\n");
            } catch (IOException e) {
                // only a safety net
            }
        }
    }

    private static void forgetPid(long pid) {
        String d = setting("POKER_TEST_PID_DIR");
        if (d != null) {
            try {
                Files.deleteIfExists(Path.of(d, "registry-redis-" + pid + ".pid"));
            } catch (IOException e) {
                // harmless
            }
        }
    }

    /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
    static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
