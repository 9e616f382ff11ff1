package dev.poker.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Prometheus server ({@code POKER_TEST_PROMETHEUS_BIN}, Debian's package, provided by
 * {@code ./poker test}) on a free port of 127.0.0.1, with a configuration written by the test: it scrapes the
 * given targets every second in the job {@code poker} and evaluates the given rule files every second. Its
 * HTTP API answers queries.
 *
 * <p>Concurrency: one test thread drives an instance.
 */
final class TestPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final Path dir;
    private final Process process;

    private TestPrometheus(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** Starts Prometheus scraping {@code targets} (host:port) with {@code ruleFiles}; returns once it is ready. */
    static TestPrometheus start(Path dir, List<String> targets, List<Path> ruleFiles)
            throws IOException, InterruptedException {
        String bin = NodeProcess.setting("POKER_TEST_PROMETHEUS_BIN");
        if (bin == null || bin.isEmpty()) {
            throw new AssertionError("POKER_TEST_PROMETHEUS_BIN is not set: run the integration tests with ./poker test"
                    + " (deploy/local/provision-prometheus.sh installs Debian's prometheus package)");
        }
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                + "  evaluation_interval: 1s\nrule_files:\n");
        for (Path r : ruleFiles) {
            config.append("  - '").append(r.toAbsolutePath()).append("'\n");
        }
        config.append("scrape_configs:\n  - job_name: poker\n    static_configs:\n      - targets:\n");
        for (String t : targets) {
            config.append("          - '").append(t).append("'\n");
        }
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = NodeProcess.freePort();
        Process p = new ProcessBuilder(bin, "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        recordPid(p);
        TestPrometheus prometheus = new TestPrometheus(port, dir, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!prometheus.ready()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                prometheus.close();
                throw new AssertionError("prometheus did not start; its log:\n"
                        + Files.readString(dir.resolve("prometheus.log")));
            }
            Thread.sleep(100);
        }
        return prometheus;
    }

    private static void recordPid(Process p) {
        String pids = NodeProcess.setting("POKER_TEST_PID_DIR");
        if (pids != null && !pids.isEmpty() && Files.isDirectory(Path.of(pids))) {
            try {
                Files.writeString(Path.of(pids, "prometheus-" + p.pid() + ".pid"), p.pid() + "\n");
            } catch (IOException e) {
                // only a safety net: close() stops it
            }
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** GET {@code /api/v1/...}: the {@code data} of a successful answer. */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/" + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("prometheus /api/v1/" + pathAndQuery + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return body.get("data");
    }

    /** The instant vector of {@code expr} now (fails on a query error). */
    JsonNode query(String expr) throws IOException, InterruptedException {
        JsonNode data = api("query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        return data.get("result");
    }

    /** Every metric name Prometheus holds (scraped and recorded). */
    List<String> metricNames() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        api("label/__name__/values").forEach(n -> names.add(n.asText()));
        return names;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
