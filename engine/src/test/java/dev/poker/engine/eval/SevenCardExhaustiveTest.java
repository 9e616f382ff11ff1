package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every one of the 133,784,560 seven-card hands, enumerated with nested loops that keep the partial key sums
 * of the outer cards ({@link HandEvaluator#evaluateKeys}), checked against {@link HandEvaluator#evaluate7}.
 * Takes a few seconds; {@link SevenCardExhaustiveIT} also checks every hand against its 21 five-card subsets.
 */
class SevenCardExhaustiveTest {

    @Test
    void categoryCountsAndDistinctRanksMatchTheKnownTotals() {
        long[] key = new long[52];
        long[] bit = new long[52];
        for (int c = 0; c < 52; c++) {
            key[c] = HandEvaluator.cardKey(c);
            bit[c] = HandEvaluator.cardMask(c);
        }
        long[] perCategory = new long[HandCategory.values().length];
        boolean[] seen = new boolean[1 << 16];
        long hands = 0;
        long mismatches = 0;
        for (int a = 0; a < 52; a++) {
            long ka = key[a];
            long ma = bit[a];
            for (int b = a + 1; b < 52; b++) {
                long kb = ka + key[b];
                long mb = ma | bit[b];
                for (int c = b + 1; c < 52; c++) {
                    long kc = kb + key[c];
                    long mc = mb | bit[c];
                    for (int d = c + 1; d < 52; d++) {
                        long kd = kc + key[d];
                        long md = mc | bit[d];
                        for (int e = d + 1; e < 52; e++) {
                            long ke = kd + key[e];
                            long me = md | bit[e];
                            for (int f = e + 1; f < 52; f++) {
                                long kf = ke + key[f];
                                long mf = me | bit[f];
                                for (int g = f + 1; g < 52; g++) {
                                    int rank = HandEvaluator.evaluateKeys(kf + key[g], mf | bit[g]);
                                    if (rank != HandEvaluator.evaluate7(a, b, c, d, e, f, g)) {
                                        mismatches++;
                                    }
                                    perCategory[rank >>> HandEvaluator.CATEGORY_SHIFT]++;
                                    seen[rank] = true;
                                    hands++;
                                }
                            }
                        }
                    }
                }
            }
        }
        int distinct = 0;
        for (boolean s : seen) {
            distinct += s ? 1 : 0;
        }
        assertThat(hands).isEqualTo(133_784_560L);
        assertThat(mismatches).as("hands where evaluate7 and evaluateKeys differ").isZero();
        assertThat(perCategory).containsExactly(
                23_294_460, // high card
                58_627_800, // pair
                31_433_400, // two pair
                6_461_620, // three of a kind
                6_180_020, // straight
                4_047_644, // flush
                3_473_184, // full house
                224_848, // four of a kind
                41_584); // straight flush
        assertThat(distinct).isEqualTo(4_824);
    }
}
