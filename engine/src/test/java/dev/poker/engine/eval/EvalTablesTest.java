package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Facts the table design relies on. */
class EvalTablesTest {

    @Test
    void rankMultipliersGiveEveryMultisetOfUpToSevenCardsItsOwnSum() {
        for (int[] multipliers : new int[][] {EvalTables.LOW_KEYS, EvalTables.HIGH_KEYS}) {
            Set<Integer> sums = new HashSet<>();
            int[] multisets = {0};
            int[] max = {0};
            collect(multipliers, 0, 0, 0, sums, multisets, max);
            assertThat(sums).hasSize(multisets[0]);
            assertThat(max[0]).isLessThan(1 << 16); // a 16-bit field never carries into the next
        }
    }

    private static void collect(int[] multipliers, int rank, int sum, int cards, Set<Integer> sums,
            int[] multisets, int[] max) {
        if (rank == multipliers.length) {
            sums.add(sum);
            multisets[0]++;
            max[0] = Math.max(max[0], sum);
            return;
        }
        for (int k = 0; k <= 4 && cards + k <= 7; k++) {
            collect(multipliers, rank + 1, sum + k * multipliers[rank], cards + k, sums, multisets, max);
        }
    }

    @Test
    void tablesAreDenseAndSmall() {
        // every rank multiset of 5, 6 or 7 cards (at most 4 of a rank) exactly once
        assertThat(EvalTables.NON_FLUSH).hasSize(6_175 + 18_395 + 49_205);
        assertThat(EvalTables.tableBytes()).isLessThan(300_000);
        System.out.printf("eval tables: %,d bytes, built in %.1f ms (class init, wall clock)%n",
                EvalTables.tableBytes(), EvalTables.BUILD_NANOS / 1e6);
    }
}
