package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every one of the 20,358,520 six-card hands. */
class SixCardExhaustiveTest {

    @Test
    void everySixCardRankIsTheBestOfItsSixFiveCardSubsetsAndTheCountsMatch() {
        long[] perCategory = new long[HandCategory.values().length];
        boolean[] seen = new boolean[1 << 16];
        int distinct = 0;
        long hands = 0;
        long notTheBestSubset = 0;
        for (int a = 0; a < 52; a++) {
            for (int b = a + 1; b < 52; b++) {
                for (int c = b + 1; c < 52; c++) {
                    for (int d = c + 1; d < 52; d++) {
                        for (int e = d + 1; e < 52; e++) {
                            int abcde = HandEvaluator.evaluate5(a, b, c, d, e);
                            for (int f = e + 1; f < 52; f++) {
                                int rank = HandEvaluator.evaluate6(a, b, c, d, e, f);
                                int best = Math.max(abcde, Math.max(
                                        Math.max(HandEvaluator.evaluate5(a, b, c, d, f),
                                                HandEvaluator.evaluate5(a, b, c, e, f)),
                                        Math.max(HandEvaluator.evaluate5(a, b, d, e, f),
                                                Math.max(HandEvaluator.evaluate5(a, c, d, e, f),
                                                        HandEvaluator.evaluate5(b, c, d, e, f)))));
                                if (rank != best) {
                                    notTheBestSubset++;
                                }
                                perCategory[rank >>> HandEvaluator.CATEGORY_SHIFT]++;
                                if (!seen[rank]) {
                                    seen[rank] = true;
                                    distinct++;
                                }
                                hands++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(hands).isEqualTo(20_358_520L);
        assertThat(notTheBestSubset).isZero();
        assertThat(perCategory).containsExactly(
                6_612_900, // high card
                9_730_740, // pair
                2_532_816, // two pair
                732_160, // three of a kind
                361_620, // straight
                205_792, // flush
                165_984, // full house
                14_664, // four of a kind
                1_844); // straight flush
        assertThat(distinct).isEqualTo(6_075);
    }
}
