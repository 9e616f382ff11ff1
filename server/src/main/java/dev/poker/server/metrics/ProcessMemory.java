package dev.poker.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process_resident_memory_bytes}: the process's resident set size, read from {@code /proc/self/status}
 * ({@code VmRSS}) at each scrape, as the Prometheus client libraries of other languages export it. Registered
 * only where that file exists (Linux).
 *
 * <p>Concurrency: stateless; each read opens the file afresh.
 */
final class ProcessMemory {
    static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    static void bindTo(MeterRegistry registry) {
        if (residentBytes(STATUS) < 0) {
            return;
        }
        Gauge.builder("process.resident.memory", () -> residentBytes(STATUS)).baseUnit("bytes")
                .description("Resident memory size of the process (VmRSS of /proc/self/status)").register(registry);
    }

    /** VmRSS of a {@code /proc/PID/status} file in bytes, or -1 when it is missing or has none. */
    static long residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel writes kB
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
