package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.cards.Card;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast evaluator against {@link ReferenceEvaluator} on random hands: it must order any two hands as the
 * reference does, and a 6- or 7-card rank must be the best rank of its 5-card subsets.
 */
class EvaluatorPropertiesTest {

    // ---- order against the reference --------------------------------------------------------------------

    /** Two unrelated 7-card hands (they may share cards with each other, not within one hand). */
    @Property(tries = 10_000)
    void sevenCardHandsCompareAsTheReferenceSays(@ForAll("sevenCards") int[] a, @ForAll("sevenCards") int[] b) {
        assertThat(Integer.signum(fast(a) - fast(b)))
                .as("%s vs %s", text(a), text(b))
                .isEqualTo(Long.signum(ReferenceEvaluator.best(a) - ReferenceEvaluator.best(b)));
    }

    /** Two hold'em hands on one board: 2 + 2 + 5 distinct cards, where kickers decide most often. */
    @Property(tries = 10_000)
    void holdemShowdownsCompareAsTheReferenceSays(@ForAll("nineCards") int[] cards) {
        int[] a = {cards[0], cards[1], cards[4], cards[5], cards[6], cards[7], cards[8]};
        int[] b = {cards[2], cards[3], cards[4], cards[5], cards[6], cards[7], cards[8]};
        assertThat(Integer.signum(fast(a) - fast(b)))
                .as("%s vs %s", text(a), text(b))
                .isEqualTo(Long.signum(ReferenceEvaluator.best(a) - ReferenceEvaluator.best(b)));
    }

    @Property(tries = 10_000)
    void sixCardHandsCompareAsTheReferenceSays(@ForAll("sixCards") int[] a, @ForAll("sixCards") int[] b) {
        assertThat(Integer.signum(fast(a) - fast(b)))
                .as("%s vs %s", text(a), text(b))
                .isEqualTo(Long.signum(ReferenceEvaluator.best(a) - ReferenceEvaluator.best(b)));
    }

    @Property(tries = 10_000)
    void categoryIsTheReferenceCategory(@ForAll("sevenCards") int[] cards) {
        assertThat(HandCategory.of(fast(cards))).isEqualTo(ReferenceEvaluator.category(ReferenceEvaluator.best(cards)));
    }

    // ---- best of the 5-card subsets ----------------------------------------------------------------------

    @Property(tries = 10_000)
    void sevenCardRankIsTheBestFiveCardRank(@ForAll("sevenCards") int[] cards) {
        assertThat(fast(cards)).isEqualTo(bestFive(cards));
    }

    @Property(tries = 10_000)
    void sixCardRankIsTheBestFiveCardRank(@ForAll("sixCards") int[] cards) {
        assertThat(fast(cards)).isEqualTo(bestFive(cards));
    }

    // ---- entry points agree -------------------------------------------------------------------------------

    @Property(tries = 10_000)
    void everyEntryPointGivesTheSameRankInAnyCardOrder(@ForAll("sevenCards") int[] cards, @ForAll long seed) {
        int rank = fast(cards);
        List<Card> list = new ArrayList<>();
        for (int c : cards) {
            list.add(Card.of(c));
        }
        Collections.shuffle(list, new Random(seed));
        int[] shuffled = list.stream().mapToInt(Card::index).toArray();
        int[] padded = new int[10];
        System.arraycopy(shuffled, 0, padded, 3, 7);
        long key = 0;
        long mask = 0;
        for (int c : shuffled) {
            key += HandEvaluator.cardKey(c);
            mask |= HandEvaluator.cardMask(c);
        }
        assertThat(HandEvaluator.evaluate(list)).isEqualTo(rank);
        assertThat(HandEvaluator.evaluate(padded, 3, 7)).isEqualTo(rank);
        assertThat(HandEvaluator.evaluateKeys(key, mask)).isEqualTo(rank);
        assertThat(fast(shuffled)).isEqualTo(rank);
        assertThat(HandValue.describe(list).rank()).isEqualTo(rank);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static int fast(int[] c) {
        switch (c.length) {
            case 5:
                return HandEvaluator.evaluate5(c[0], c[1], c[2], c[3], c[4]);
            case 6:
                return HandEvaluator.evaluate6(c[0], c[1], c[2], c[3], c[4], c[5]);
            case 7:
                return HandEvaluator.evaluate7(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
            default:
                throw new IllegalArgumentException(Arrays.toString(c));
        }
    }

    private static int bestFive(int[] c) {
        int best = -1;
        int n = c.length;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int d = b + 1; d < n; d++) {
                    for (int e = d + 1; e < n; e++) {
                        for (int f = e + 1; f < n; f++) {
                            best = Math.max(best, HandEvaluator.evaluate5(c[a], c[b], c[d], c[e], c[f]));
                        }
                    }
                }
            }
        }
        return best;
    }

    private static String text(int[] cards) {
        StringBuilder sb = new StringBuilder();
        for (int c : cards) {
            sb.append(Card.of(c));
        }
        return sb.toString();
    }

    private static Arbitrary<int[]> distinctCards(int n) {
        return Arbitraries.integers().between(0, 51).list().uniqueElements().ofSize(n)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    @Provide
    Arbitrary<int[]> sixCards() {
        return distinctCards(6);
    }

    @Provide
    Arbitrary<int[]> sevenCards() {
        return distinctCards(7);
    }

    @Provide
    Arbitrary<int[]> nineCards() {
        return distinctCards(9);
    }
}
