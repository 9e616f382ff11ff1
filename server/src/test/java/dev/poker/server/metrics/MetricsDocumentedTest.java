package dev.poker.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.ManualScheduler;
import dev.poker.server.NodeHarness;
import dev.poker.server.store.TestDatabases;
import io.lettuce.core.protocol.CommandType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric family a node exports (on H2, with a Redis command recorded the way a cluster node records
 * them) is a row of docs/operations.md's metrics table, by name or by a {@code prefix_*} row; a timer's
 * {@code _max} gauge goes with its row.
 */
class MetricsDocumentedTest {
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([a-z_:*]+)`");

    @Test
    void everyExportedMetricIsInTheOperationsTable() throws Exception {
        Set<String> documented = documented();
        Set<String> families = new TreeSet<>();
        try (NodeHarness h = new NodeHarness(TestDatabases.h2(), new ManualScheduler(1_700_000_000_000L), true)) {
            PokerMetrics metrics = h.node.metrics();
            StoreMeters.redisLatency(metrics.registry()).recordCommandLatency(new InetSocketAddress(1),
                    new InetSocketAddress(2), CommandType.GET, 1_000, 2_000);
            metrics.tableStopped("internal error");
            Matcher m = TYPE.matcher(metrics.scrape());
            while (m.find()) {
                families.add(m.group(1));
            }
        }
        assertThat(families).as("families scraped").contains("poker_requests_total", "poker_hand_duration_seconds",
                "poker_database_query_duration_seconds", "process_resident_memory_bytes",
                "hikaricp_connections_active", "lettuce_command_completion_seconds");
        List<String> missing = new ArrayList<>();
        for (String f : families) {
            if (!isDocumented(f, documented)) {
                missing.add(f);
            }
        }
        assertThat(missing).as("metrics missing from docs/operations.md#metrics").isEmpty();
    }

    private static boolean isDocumented(String family, Set<String> documented) {
        String base = family.endsWith("_max") ? family.substring(0, family.length() - 4) : family;
        for (String d : documented) {
            if (d.equals(family) || d.equals(base)
                    || d.endsWith("*") && family.startsWith(d.substring(0, d.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The names in the first cell of each row of the Metrics section's table. */
    private static Set<String> documented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("\n## Metrics\n");
        assertThat(start).as("docs/operations.md has a Metrics section").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Set<String> names = new TreeSet<>();
        Matcher row = ROW.matcher(doc.substring(start, end));
        while (row.find()) {
            Matcher n = NAME.matcher(row.group(1));
            while (n.find()) {
                names.add(n.group(1));
            }
        }
        return names;
    }
}
