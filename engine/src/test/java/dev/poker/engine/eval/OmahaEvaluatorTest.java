package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.cards.Card;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link OmahaEvaluator} against a brute-force reference: the best {@link HandEvaluator#evaluate5} over the 60
 * ways to take two hole cards and three board cards.
 */
class OmahaEvaluatorTest {

    /** The reference: every choice of exactly two hole cards and three board cards. */
    static int bruteForce(int[] hole, int[] board) {
        int best = -1;
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                for (int c = 0; c < 5; c++) {
                    for (int d = c + 1; d < 5; d++) {
                        for (int e = d + 1; e < 5; e++) {
                            best = Math.max(best, HandEvaluator.evaluate5(hole[a], hole[b], board[c], board[d],
                                    board[e]));
                        }
                    }
                }
            }
        }
        return best;
    }

    static int fast(int[] hole, int[] board) {
        return OmahaEvaluator.evaluate(hole[0], hole[1], hole[2], hole[3], board[0], board[1], board[2], board[3],
                board[4]);
    }

    /**
     * Every board rank multiset (6,175 of them) with random suits, each against 40 random hands: 247,000 hands
     * that reach every row of the table, many with 3+ suited board cards.
     */
    @Test
    void everyBoardRankClassMatchesTheReference() {
        SplittableRandom random = new SplittableRandom(12);
        int checked = 0;
        int[] ranks = new int[5];
        for (ranks[0] = 0; ranks[0] < 13; ranks[0]++) {
            for (ranks[1] = ranks[0]; ranks[1] < 13; ranks[1]++) {
                for (ranks[2] = ranks[1]; ranks[2] < 13; ranks[2]++) {
                    for (ranks[3] = ranks[2]; ranks[3] < 13; ranks[3]++) {
                        for (ranks[4] = ranks[3]; ranks[4] < 13; ranks[4]++) {
                            if (ranks[0] == ranks[4]) {
                                continue;
                            }
                            for (int k = 0; k < 40; k++) {
                                int[] board = suitedBoard(ranks, random);
                                int[] hole = randomHole(board, random);
                                assertThat(fast(hole, board)).as("%s on %s", text(hole), text(board))
                                        .isEqualTo(bruteForce(hole, board));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(6175 * 40);
    }

    /** One million random deals of 4 + 5 distinct cards. */
    @Test
    void randomDealsMatchTheReference() {
        SplittableRandom random = new SplittableRandom(7);
        int[] deck = new int[52];
        for (int n = 0; n < 1_000_000; n++) {
            for (int c = 0; c < 52; c++) {
                deck[c] = c;
            }
            for (int i = 0; i < 9; i++) {
                int j = i + random.nextInt(52 - i);
                int t = deck[i];
                deck[i] = deck[j];
                deck[j] = t;
            }
            int[] hole = {deck[0], deck[1], deck[2], deck[3]};
            int[] board = {deck[4], deck[5], deck[6], deck[7], deck[8]};
            assertThat(fast(hole, board)).isEqualTo(bruteForce(hole, board));
        }
    }

    /** Flush-heavy deals: only two suits in play, so most hands reach the flush path. */
    @Test
    void twoSuitDealsMatchTheReference() {
        SplittableRandom random = new SplittableRandom(3);
        int[] deck = new int[26];
        for (int n = 0; n < 200_000; n++) {
            for (int c = 0; c < 26; c++) {
                deck[c] = (c >> 1) * 4 + (c & 1);
            }
            for (int i = 0; i < 9; i++) {
                int j = i + random.nextInt(26 - i);
                int t = deck[i];
                deck[i] = deck[j];
                deck[j] = t;
            }
            int[] hole = {deck[0], deck[1], deck[2], deck[3]};
            int[] board = {deck[4], deck[5], deck[6], deck[7], deck[8]};
            assertThat(fast(hole, board)).as("%s on %s", text(hole), text(board)).isEqualTo(bruteForce(hole, board));
        }
    }

    @Test
    void fourSuitedBoardCardsAndOneSuitedHoleCardIsNoFlush() {
        // Board Ah Kh 7h 2h 9c; hand Qh Jc 8d 3s: hold'em would call it an ace-high flush, Omaha needs two hearts.
        List<Card> board = Card.parseAll("AhKh7h2h9c");
        List<Card> hole = Card.parseAll("QhJc8d3s");
        int rank = OmahaEvaluator.evaluate(hole, board);
        assertThat(HandCategory.of(rank)).isEqualTo(HandCategory.HIGH_CARD);
        assertThat(HandValue.describeOmaha(hole, board).description()).isEqualTo("High Card, Ace");
    }

    @Test
    void quadsOnTheBoardAndAPocketPairMakeOnlyAFullHouse() {
        // Board 8s 8d 8h 8c Kd, hand As Ah 3c 4c: hold'em would play the board's quads with the ace kicker;
        // Omaha takes three board cards, so the best is As Ah + 8s 8d 8h, Eights full of Aces.
        List<Card> board = Card.parseAll("8s8d8h8cKd");
        List<Card> hole = Card.parseAll("AsAh3c4c");
        HandValue value = HandValue.describeOmaha(hole, board);
        assertThat(value.category()).isEqualTo(HandCategory.FULL_HOUSE);
        assertThat(value.description()).isEqualTo("Full House, Eights full of Aces");
    }

    @Test
    void aStraightFlushUsesExactlyTwoAndThree() {
        List<Card> board = Card.parseAll("9s8s7s2c2d");
        List<Card> hole = Card.parseAll("TsJsAhAd");
        HandValue value = HandValue.describeOmaha(hole, board);
        assertThat(value.description()).isEqualTo("Straight Flush, Jack high");
        assertThat(value.bestFive()).containsExactlyElementsOf(Card.parseAll("JsTs9s8s7s"));
    }

    @Test
    void badInputIsRefusedWithASentence() {
        assertThatThrownBy(() -> OmahaEvaluator.evaluate(Card.parseAll("AhKh"), Card.parseAll("2c3c4c5c6c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Omaha hand is 4 hole cards and 5 board cards, not 2 and 5");
        assertThatThrownBy(() -> OmahaEvaluator.evaluate(Card.parseAll("AhKhQhJh"), Card.parseAll("Ah3c4c5c6c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("card Ah appears twice");
    }

    @Test
    void theTablesHaveTheirDocumentedSize() {
        assertThat(OmahaTables.BEST).hasSize(OmahaTables.BOARDS * OmahaTables.PAIRS);
        assertThat(OmahaTables.tableBytes()).isLessThan(1_400_000);
    }

    private static int[] suitedBoard(int[] ranks, SplittableRandom random) {
        int[] board = new int[5];
        boolean[] used = new boolean[52];
        for (int i = 0; i < 5; i++) {
            int card;
            do {
                // lean towards one suit so that flush boards are common
                int suit = random.nextInt(3) == 0 ? random.nextInt(4) : 0;
                card = ranks[i] * 4 + suit;
            } while (used[card]);
            used[card] = true;
            board[i] = card;
        }
        return board;
    }

    private static int[] randomHole(int[] board, SplittableRandom random) {
        boolean[] used = new boolean[52];
        for (int c : board) {
            used[c] = true;
        }
        int[] hole = new int[4];
        for (int i = 0; i < 4; i++) {
            int card;
            do {
                card = random.nextInt(2) == 0 ? random.nextInt(13) * 4 : random.nextInt(52);
            } while (used[card]);
            used[card] = true;
            hole[i] = card;
        }
        return hole;
    }

    static String text(int[] cards) {
        StringBuilder sb = new StringBuilder();
        for (int c : cards) {
            sb.append(Card.of(c));
        }
        return sb.toString();
    }
}
