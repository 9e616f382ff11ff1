package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every one of the 133,784,560 seven-card hands against the best of its 21 five-card subsets (2.8 billion
 * 5-card evaluations). With {@link FiveCardExhaustiveTest}, which proves the 5-card ranking right, this proves
 * the 7-card ranking right. Runs the outer loop in parallel; tens of seconds, hence a Failsafe test.
 */
class SevenCardExhaustiveIT {

    @Test
    void everySevenCardRankIsTheBestOfItsTwentyOneFiveCardSubsets() {
        long wrong = IntStream.range(0, 52).parallel().mapToLong(SevenCardExhaustiveIT::checkFirstCard).sum();
        assertThat(wrong).as("hands whose rank is not the best of their 5-card subsets").isZero();
    }

    /** Checks the hands whose lowest card is {@code a}; returns how many were wrong. */
    private static long checkFirstCard(int a) {
        int[] h = new int[7];
        h[0] = a;
        long wrong = 0;
        for (h[1] = a + 1; h[1] < 52; h[1]++) {
            for (h[2] = h[1] + 1; h[2] < 52; h[2]++) {
                for (h[3] = h[2] + 1; h[3] < 52; h[3]++) {
                    for (h[4] = h[3] + 1; h[4] < 52; h[4]++) {
                        for (h[5] = h[4] + 1; h[5] < 52; h[5]++) {
                            for (h[6] = h[5] + 1; h[6] < 52; h[6]++) {
                                if (HandEvaluator.evaluate7(h[0], h[1], h[2], h[3], h[4], h[5], h[6]) != best(h)) {
                                    wrong++;
                                }
                            }
                        }
                    }
                }
            }
        }
        return wrong;
    }

    /** The 21 ways to choose five of seven positions. */
    private static final int[][] FIVE_OF_SEVEN = fiveOfSeven();

    private static int[][] fiveOfSeven() {
        int[][] subsets = new int[21][];
        int n = 0;
        for (int x = 0; x < 7; x++) {
            for (int y = x + 1; y < 7; y++) {
                int[] five = new int[5];
                int k = 0;
                for (int i = 0; i < 7; i++) {
                    if (i != x && i != y) {
                        five[k++] = i;
                    }
                }
                subsets[n++] = five;
            }
        }
        return subsets;
    }

    /** The best evaluate5 over the 21 five-card subsets. */
    private static int best(int[] h) {
        int best = -1;
        for (int[] s : FIVE_OF_SEVEN) {
            best = Math.max(best, HandEvaluator.evaluate5(h[s[0]], h[s[1]], h[s[2]], h[s[3]], h[s[4]]));
        }
        return best;
    }
}
