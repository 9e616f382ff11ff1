package dev.poker.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theNodeStartsFromTheLayoutAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path layout = Repository.layout();
        long started = System.nanoTime();
        try (LayoutNode node = LayoutNode.start(dir)) {
            System.out.printf("[dist] node from the layout healthy after %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);

            // the script exec'd the layout's own java, heap sized from the container's memory
            Process p = node.process();
            String command = p.info().command().orElseThrow();
            assertThat(Path.of(command).toRealPath()).isEqualTo(layout.resolve("runtime/bin/java").toRealPath());
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            assertThat(cmdline).contains("-XX:MaxRAMPercentage=75").contains(layout.resolve("app/poker.jar").toString());
            assertThat(node.get("/metrics").statusCode()).isEqualTo(200);

            assertThat(node.stop(40)).as("stopped within 40 s of SIGTERM").isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
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
}
