package dev.poker.engine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A slow evaluator written to be obviously right, to check {@link HandEvaluator} against: it scores each
 * set of exactly five cards from the rules (category, then the ranks that break ties, most important first)
 * and takes the best over all 5-card subsets.
 *
 * <p>A score is {@code category.ordinal() << 20} plus up to five rank digits of 4 bits, the most important in
 * bits 16..19. Within a category the number of digits is fixed, so scores compare as hands do.
 *
 * <p>Concurrency: stateless.
 */
final class ReferenceEvaluator {
    private ReferenceEvaluator() {
    }

    /** Score of exactly five distinct cards (indices 0..51). */
    static long score5(int c0, int c1, int c2, int c3, int c4) {
        int[] cards = {c0, c1, c2, c3, c4};
        int[] count = new int[13];
        boolean flush = true;
        for (int c : cards) {
            count[c / 4]++;
            flush &= c % 4 == c0 % 4;
        }
        // Ranks grouped: bigger groups first, then higher ranks.
        List<int[]> groups = new ArrayList<>(); // {count, rank}
        for (int r = 12; r >= 0; r--) {
            if (count[r] > 0) {
                groups.add(new int[] {count[r], r});
            }
        }
        groups.sort((a, b) -> a[0] != b[0] ? b[0] - a[0] : b[1] - a[1]);
        int[] byGroup = groups.stream().mapToInt(g -> g[1]).toArray();
        int straightHigh = -1;
        if (groups.size() == 5) {
            int high = byGroup[0];
            int low = byGroup[4];
            if (high - low == 4) {
                straightHigh = high;
            } else if (Arrays.equals(byGroup, new int[] {12, 3, 2, 1, 0})) {
                straightHigh = 3; // A-2-3-4-5: the ace plays low
            }
        }
        int first = groups.get(0)[0];
        int second = groups.size() > 1 ? groups.get(1)[0] : 0;
        if (straightHigh >= 0 && flush) {
            return score(HandCategory.STRAIGHT_FLUSH, straightHigh);
        }
        if (first == 4) {
            return score(HandCategory.FOUR_OF_A_KIND, byGroup);
        }
        if (first == 3 && second == 2) {
            return score(HandCategory.FULL_HOUSE, byGroup);
        }
        if (flush) {
            return score(HandCategory.FLUSH, byGroup);
        }
        if (straightHigh >= 0) {
            return score(HandCategory.STRAIGHT, straightHigh);
        }
        if (first == 3) {
            return score(HandCategory.THREE_OF_A_KIND, byGroup);
        }
        if (first == 2 && second == 2) {
            return score(HandCategory.TWO_PAIR, byGroup);
        }
        if (first == 2) {
            return score(HandCategory.PAIR, byGroup);
        }
        return score(HandCategory.HIGH_CARD, byGroup);
    }

    /** Best score over all 5-card subsets of 5 or more distinct cards. */
    static long best(int... cards) {
        long best = -1;
        int n = cards.length;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    for (int d = c + 1; d < n; d++) {
                        for (int e = d + 1; e < n; e++) {
                            best = Math.max(best, score5(cards[a], cards[b], cards[c], cards[d], cards[e]));
                        }
                    }
                }
            }
        }
        return best;
    }

    static HandCategory category(long score) {
        return HandCategory.values()[(int) (score >>> 20)];
    }

    private static long score(HandCategory category, int... ranks) {
        long s = (long) category.ordinal() << 20;
        for (int i = 0; i < ranks.length; i++) {
            s |= (long) ranks[i] << (16 - 4 * i);
        }
        return s;
    }
}
