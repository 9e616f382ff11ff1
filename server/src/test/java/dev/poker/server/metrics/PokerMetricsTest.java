package dev.poker.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ErrorCode;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code poker_errors_total} has exactly the error catalogue's codes as its {@code code} label. */
class PokerMetricsTest {
    private static final Pattern SERIES = Pattern.compile("^poker_errors_total\\{code=\"([A-Z_]+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    @Test
    void everyCatalogueCodeIsASeriesFromTheStartAndNothingElse() {
        PokerMetrics metrics = new PokerMetrics(() -> 0, () -> 0, () -> 0);
        Set<String> codes = new TreeSet<>();
        Matcher m = SERIES.matcher(metrics.scrape());
        while (m.find()) {
            codes.add(m.group(1));
            assertThat(Double.parseDouble(m.group(2))).as(m.group(1)).isZero();
        }
        assertThat(codes).isEqualTo(Arrays.stream(ErrorCode.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void anErrorCountsUnderItsCode() {
        PokerMetrics metrics = new PokerMetrics(() -> 0, () -> 0, () -> 0);
        metrics.error(ErrorCode.TABLE_MOVING);
        metrics.error(ErrorCode.TABLE_MOVING);
        metrics.error(ErrorCode.INTERNAL_ERROR);
        Matcher m = SERIES.matcher(metrics.scrape());
        int seen = 0;
        while (m.find()) {
            double expected = switch (m.group(1)) {
                case "TABLE_MOVING" -> 2;
                case "INTERNAL_ERROR" -> 1;
                default -> 0;
            };
            assertThat(Double.parseDouble(m.group(2))).as(m.group(1)).isEqualTo(expected);
            seen++;
        }
        assertThat(seen).isEqualTo(ErrorCode.values().length);
    }
}
