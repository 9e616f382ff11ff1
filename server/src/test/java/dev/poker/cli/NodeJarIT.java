package dev.poker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The node's runnable jar ({@code server/target/poker.jar}, made by the shade plugin in the package phase,
 * before Failsafe runs) carries the node and its command line, and none of the load tools: no class of
 * {@code dev.poker.load} (the bots and the load generator live in {@code load/target/poker-load.jar}).
 */
class NodeJarIT {

    @Test
    void theNodeJarHasNoLoadToolClass() throws IOException {
        Path jar = Path.of("target", "poker.jar");
        assertThat(jar).as("server/target/poker.jar (mvn package builds it before the integration tests)").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/poker/cli/Main.class", "dev/poker/server/PokerNode.class",
                    "picocli/CommandLine.class");
            assertThat(names).filteredOn(n -> n.startsWith("dev/poker/load/")).isEmpty();
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.poker.cli.Main");
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
