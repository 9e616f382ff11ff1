package dev.poker.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container layout ({@code dist/target/poker-node}, what the Dockerfile copies) runs the node on its
 * own jlink runtime: {@code bin/poker-node serve} answers /health, runs {@code runtime/bin/java} with the
 * heap sized as a share of the container's memory, and stops on SIGTERM; the runtime holds every JDK
 * module {@code jdeps} finds poker.jar needs.
 */
class DistLayoutIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theNodeStartsFromTheLayoutAndStopsOnSigterm(@TempDir Path data) throws Exception {
        Path layout = Repository.layout();
        Path entry = layout.resolve("bin/poker-node");
        assertThat(entry).as("run the package phase of module dist first").isExecutable();
        int port = freePort();
        Path log = data.resolve("node.log");
        ProcessBuilder pb = new ProcessBuilder(entry.toString(), "serve").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("POKER_") || k.equals("JAVA_HOME"));
        pb.environment().put("POKER_HOST", "127.0.0.1");
        pb.environment().put("POKER_PORT", Integer.toString(port));
        pb.environment().put("POKER_DATA_DIR", data.resolve("node").toString());
        pb.environment().put("POKER_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Process node = pb.start();
        try {
            long started = System.nanoTime();
            awaitHealthy(node, port, log);
            System.out.printf("[dist] node from the layout healthy after %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);

            // the script exec'd the layout's own java, heap sized from the container's memory
            String command = node.info().command().orElseThrow();
            assertThat(Path.of(command).toRealPath()).isEqualTo(layout.resolve("runtime/bin/java").toRealPath());
            String cmdline = Files.readString(Path.of("/proc/" + node.pid() + "/cmdline")).replace('\0', ' ');
            assertThat(cmdline).contains("-XX:MaxRAMPercentage=75").contains(layout.resolve("app/poker.jar").toString());
            assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);

            node.destroy(); // SIGTERM
            assertThat(node.waitFor(40, TimeUnit.SECONDS)).as("stopped within 40 s of SIGTERM").isTrue();
            assertThat(node.exitValue()).isIn(0, 143);
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theRuntimeHoldsEveryModuleJdepsFinds(@TempDir Path classes) throws Exception {
        Path layout = Repository.layout();
        Set<String> linked = new TreeSet<>(lines(run(layout.resolve("runtime/bin/java").toString(), "--list-modules"))
                .stream().map(l -> l.split("@")[0]).toList());
        Set<String> declared = new TreeSet<>(Arrays.asList(System.getProperty("dist.modules", "").split(",")));
        assertThat(linked).containsAll(declared).doesNotContain("jdk.compiler", "jdk.jshell"); // + what they require

        // jdeps cannot read the shaded jar whole (its multi-release module-info files name modules it
        // cannot find): its classes without them
        try (ZipFile jar = new ZipFile(layout.resolve("app/poker.jar").toFile())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".class") || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                Path to = classes.resolve(e.getName()).normalize();
                assertThat(to.startsWith(classes)).as("entry %s stays inside", e.getName()).isTrue();
                Files.createDirectories(to.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        String found = run(jdeps, "--print-module-deps", "--ignore-missing-deps", "--multi-release", "17",
                classes.toString()).strip();
        Set<String> needed = Arrays.stream(found.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("[dist] jdeps: " + needed);
        assertThat(linked).containsAll(needed);
    }

    private static java.util.List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s:%n%s", String.join(" ", command), out).isZero();
        return out;
    }

    private static void awaitHealthy(Process node, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("the node exited with " + node.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no /health 200 within 90 s:\n" + Files.readString(log));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
