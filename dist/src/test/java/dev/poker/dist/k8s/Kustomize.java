package dev.poker.dist.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize DIR} (kubectl from {@code POKER_TEST_KUBECTL}, else
 * the PATH; deploy/local/services.sh installs it: {@code ensure_packages kubectl}).
 *
 * <p>Concurrency: stateless.
 */
final class Kustomize {
    private Kustomize() {}

    static String kubectl() {
        String configured = System.getProperty("POKER_TEST_KUBECTL", System.getenv("POKER_TEST_KUBECTL"));
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("kubectl is not on the PATH: install it (./poker test does: Debian package "
                + "kubernetes-client) or set POKER_TEST_KUBECTL");
    }

    /** The YAML stream {@code kubectl kustomize dir} prints; fails with kubectl's message when it fails. */
    static String render(Path dir) throws IOException, InterruptedException {
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(kubectl(), "kustomize", dir.toString())
                    .redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
