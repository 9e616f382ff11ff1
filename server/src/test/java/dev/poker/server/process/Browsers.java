package dev.poker.server.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Chromium and its WebDriver are: {@code POKER_TEST_CHROMIUM} and {@code POKER_TEST_CHROMEDRIVER}
 * (environment or system properties), else Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (packages {@code chromium} and {@code chromium-driver}, which
 * {@code ./poker test} installs).
 *
 * <p>Concurrency: immutable.
 */
record Browsers(Path chromium, Path chromedriver) {
    static Optional<Browsers> find() {
        Path chromium = Path.of(orDefault("POKER_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(orDefault("POKER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        return Files.isExecutable(chromium) && Files.isExecutable(driver) ? Optional.of(new Browsers(chromium, driver))
                : Optional.empty();
    }

    static String missing() {
        return "Chromium or chromedriver is missing (" + orDefault("POKER_TEST_CHROMIUM", "/usr/bin/chromium") + ", "
                + orDefault("POKER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
                + "): apt-get install chromium chromium-driver (./poker test does it), or set POKER_TEST_CHROMIUM "
                + "and POKER_TEST_CHROMEDRIVER";
    }

    private static String orDefault(String name, String fallback) {
        String v = NodeProcess.setting(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
