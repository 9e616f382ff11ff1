package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every one of the 2,598,960 five-card hands. */
class FiveCardExhaustiveTest {

    @Test
    void categoryCountsAndDistinctRanksMatchTheKnownTotals() {
        long[] perCategory = new long[HandCategory.values().length];
        boolean[] seen = new boolean[1 << 16];
        int distinct = 0;
        long hands = 0;
        for (int a = 0; a < 52; a++) {
            for (int b = a + 1; b < 52; b++) {
                for (int c = b + 1; c < 52; c++) {
                    for (int d = c + 1; d < 52; d++) {
                        for (int e = d + 1; e < 52; e++) {
                            int rank = HandEvaluator.evaluate5(a, b, c, d, e);
                            perCategory[HandCategory.of(rank).ordinal()]++;
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
        assertThat(hands).isEqualTo(2_598_960L);
        assertThat(perCategory).containsExactly(
                1_302_540, // high card
                1_098_240, // pair
                123_552, // two pair
                54_912, // three of a kind
                10_200, // straight
                5_108, // flush
                3_744, // full house
                624, // four of a kind
                40); // straight flush
        assertThat(distinct).isEqualTo(7_462);
    }

    /**
     * Proves the 5-card ranking right: every hand's rank corresponds to exactly one reference score, and
     * ranks and scores sort the same way. With the counts above, the 7,462 classes get 7,462 ranks in order.
     */
    @Test
    void ranksOrderEveryHandExactlyAsTheReferenceEvaluatorDoes() {
        long[] scoreOfRank = new long[1 << 16];
        Arrays.fill(scoreOfRank, -1);
        long conflicts = 0;
        long wrongCategory = 0;
        for (int a = 0; a < 52; a++) {
            for (int b = a + 1; b < 52; b++) {
                for (int c = b + 1; c < 52; c++) {
                    for (int d = c + 1; d < 52; d++) {
                        for (int e = d + 1; e < 52; e++) {
                            int rank = HandEvaluator.evaluate5(a, b, c, d, e);
                            long score = ReferenceEvaluator.score5(a, b, c, d, e);
                            if (scoreOfRank[rank] == -1) {
                                scoreOfRank[rank] = score;
                            } else if (scoreOfRank[rank] != score) {
                                conflicts++;
                            }
                            if (HandCategory.of(rank) != ReferenceEvaluator.category(score)) {
                                wrongCategory++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(conflicts).as("hands of equal rank but different reference score").isZero();
        assertThat(wrongCategory).as("hands whose category differs from the reference").isZero();
        long previous = -1;
        int classes = 0;
        for (int rank = 0; rank < scoreOfRank.length; rank++) {
            if (scoreOfRank[rank] >= 0) {
                assertThat(scoreOfRank[rank]).as("reference score of rank %d", rank).isGreaterThan(previous);
                previous = scoreOfRank[rank];
                classes++;
            }
        }
        assertThat(classes).isEqualTo(7_462);
    }

    @Test
    void everyEntryPointAgreesOnEveryHand() {
        int[] cards = new int[7];
        long mismatches = 0;
        for (int a = 0; a < 52; a++) {
            for (int b = a + 1; b < 52; b++) {
                for (int c = b + 1; c < 52; c++) {
                    for (int d = c + 1; d < 52; d++) {
                        for (int e = d + 1; e < 52; e++) {
                            int rank = HandEvaluator.evaluate5(a, b, c, d, e);
                            // at an offset, to check 'from' is honoured
                            cards[2] = a;
                            cards[3] = b;
                            cards[4] = c;
                            cards[5] = d;
                            cards[6] = e;
                            long key = HandEvaluator.cardKey(a) + HandEvaluator.cardKey(b) + HandEvaluator.cardKey(c)
                                    + HandEvaluator.cardKey(d) + HandEvaluator.cardKey(e);
                            long mask = HandEvaluator.cardMask(a) | HandEvaluator.cardMask(b)
                                    | HandEvaluator.cardMask(c) | HandEvaluator.cardMask(d)
                                    | HandEvaluator.cardMask(e);
                            if (HandEvaluator.evaluate(cards, 2, 5) != rank
                                    || HandEvaluator.evaluateKeys(key, mask) != rank
                                    || HandEvaluator.evaluate5(e, c, a, d, b) != rank) {
                                mismatches++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isZero();
    }
}
