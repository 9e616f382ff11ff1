package dev.poker.dist;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A poker node started from the container layout ({@code bin/poker-node serve}), standalone on an
 * embedded database under a directory of the caller's, listening on a free port of 127.0.0.1.
 *
 * <p>Concurrency: one test thread drives an instance.
 */
public final class LayoutNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private LayoutNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the node and waits until /health answers 200 (90 s at most). */
    public static LayoutNode start(Path dir) throws IOException, InterruptedException {
        Path entry = Repository.layout().resolve("bin/poker-node");
        if (!Files.isExecutable(entry)) {
            throw new AssertionError(entry + " is missing: run the package phase of module dist first");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("node.log");
        ProcessBuilder pb = new ProcessBuilder(entry.toString(), "serve").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("POKER_") || k.equals("JAVA_HOME"));
        pb.environment().put("POKER_HOST", "127.0.0.1");
        pb.environment().put("POKER_PORT", Integer.toString(port));
        pb.environment().put("POKER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("POKER_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        LayoutNode node = new LayoutNode(pb.start(), port, log);
        try {
            node.awaitHealthy();
        } catch (RuntimeException | Error | InterruptedException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no /health 200 within 90 s:\n" + Files.readString(log));
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM and wait; true when it exited within {@code seconds}. */
    public boolean stop(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
