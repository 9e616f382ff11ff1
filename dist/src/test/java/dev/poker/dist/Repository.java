package dev.poker.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths of the repository the tests run in (Maven runs them in dist/, an IDE perhaps at the root).
 *
 * <p>Concurrency: stateless.
 */
public final class Repository {
    private Repository() {}

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("Dockerfile")) && Files.isDirectory(p.resolve("dist"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root (with Dockerfile and dist/) above " + here);
    }

    /** target/poker-node, as dist/pom.xml passes it ({@code dist.layout}). */
    public static Path layout() {
        String p = System.getProperty("dist.layout");
        return p != null ? Path.of(p) : root().resolve("dist/target/poker-node");
    }
}
