package dev.poker.load.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The load tools' runnable jar ({@code load/target/poker-load.jar}, made in the package phase, before
 * Failsafe runs) starts {@link LoadTools} and carries the bots, the generator and picocli, and nothing of the
 * node.
 */
class LoadToolsJarIT {

    @Test
    void theLoadToolsJarRunsLoadToolsAndHasNoNodeClass() throws IOException {
        Path jar = Path.of("target", "poker-load.jar");
        assertThat(jar).as("load/target/poker-load.jar (mvn package builds it before the integration tests)")
                .exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/poker/load/cli/LoadTools.class", "dev/poker/load/cli/BotsCommand.class",
                    "dev/poker/load/gen/LoadCli.class", "picocli/CommandLine.class");
            assertThat(names).filteredOn(n -> n.startsWith("dev/poker/server/")).isEmpty();
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(LoadTools.class.getName());
        }
    }
}
