package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Omaha rule as properties: a hand is always exactly two hole cards and three board cards, never one or
 * three-plus hole cards, whatever the deal.
 */
class OmahaEvaluatorProperties {

    @Property(tries = 20_000)
    void anyDealRanksAsTheBruteForceReference(@ForAll("nineCards") int[] cards) {
        int[] hole = {cards[0], cards[1], cards[2], cards[3]};
        int[] board = {cards[4], cards[5], cards[6], cards[7], cards[8]};
        assertThat(OmahaEvaluatorTest.fast(hole, board)).isEqualTo(OmahaEvaluatorTest.bruteForce(hole, board));
    }

    /**
     * Four (or five) board cards of one suit and a single hole card of it: hold'em would see a flush, Omaha
     * never does, since the second hole card of a hand is off-suit.
     */
    @Property(tries = 5_000)
    void oneSuitedHoleCardNeverMakesAFlush(@ForAll("oneSuitedHoleCard") int[] cards) {
        int[] hole = {cards[0], cards[1], cards[2], cards[3]};
        int[] board = {cards[4], cards[5], cards[6], cards[7], cards[8]};
        HandCategory category = HandCategory.of(OmahaEvaluatorTest.fast(hole, board));
        assertThat(category).as("%s on %s", OmahaEvaluatorTest.text(hole), OmahaEvaluatorTest.text(board))
                .isNotIn(HandCategory.FLUSH, HandCategory.STRAIGHT_FLUSH);
    }

    /**
     * Omaha never ranks a hand above what hold'em would give one of its hole pairs on the same board (hold'em
     * may use fewer hole cards, Omaha may not use more).
     */
    @Property(tries = 5_000)
    void neverAboveTheBestHoldemHandOfAHolePair(@ForAll("nineCards") int[] c) {
        int holdem = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                holdem = Math.max(holdem, HandEvaluator.evaluate7(c[a], c[b], c[4], c[5], c[6], c[7], c[8]));
            }
        }
        assertThat(OmahaEvaluator.evaluate(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]))
                .isLessThanOrEqualTo(holdem);
    }

    /** Order of the hole cards and of the board cards does not matter. */
    @Property(tries = 5_000)
    void orderDoesNotMatter(@ForAll("nineCards") int[] cards) {
        int rank = OmahaEvaluator.evaluate(cards[0], cards[1], cards[2], cards[3], cards[4], cards[5], cards[6],
                cards[7], cards[8]);
        assertThat(OmahaEvaluator.evaluate(cards[3], cards[1], cards[0], cards[2], cards[8], cards[6], cards[4],
                cards[7], cards[5])).isEqualTo(rank);
    }

    @Provide
    Arbitrary<int[]> nineCards() {
        return Arbitraries.integers().between(0, 51).list().uniqueElements().ofSize(9)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Hole: one card of the flush suit and three of other suits; board: 4 or 5 cards of that suit. */
    @Provide
    Arbitrary<int[]> oneSuitedHoleCard() {
        return Arbitraries.integers().between(0, 3).flatMap(suit -> {
            Arbitrary<Integer> suitedOnBoard = Arbitraries.integers().between(4, 5);
            Arbitrary<List<Integer>> ranks = Arbitraries.integers().between(0, 12).list().uniqueElements().ofSize(6);
            Arbitrary<List<Integer>> offSuit = Arbitraries.integers().between(0, 51).filter(c -> (c & 3) != suit)
                    .list().uniqueElements().ofSize(4);
            return Combinators.combine(suitedOnBoard, ranks, offSuit).as((n, r, o) -> {
                int[] out = new int[9];
                out[0] = r.get(0) * 4 + suit; // the one suited hole card
                out[1] = o.get(0);
                out[2] = o.get(1);
                out[3] = o.get(2);
                for (int i = 0; i < 5; i++) {
                    out[4 + i] = i < n ? r.get(1 + i) * 4 + suit : o.get(3);
                }
                return out;
            });
        });
    }
}
