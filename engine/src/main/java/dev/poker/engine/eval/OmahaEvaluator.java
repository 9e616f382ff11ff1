package dev.poker.engine.eval;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * Ranks Omaha hands: the best 5-card hand made of exactly two of the four hole cards and exactly three of the
 * five board cards (60 choices). Ranks are {@link HandEvaluator} ranks, so they compare with each other and
 * with hold'em ranks, and {@link HandCategory#of(int)} gives their category.
 *
 * <h2>Cards</h2>
 * Cards are {@link Card#index()} values 0..51. The int-based method does not check them, for speed: repeated
 * cards give an unspecified rank, an index outside 0..51 throws {@link ArrayIndexOutOfBoundsException}. The
 * {@link List} method checks fully.
 *
 * <h2>How</h2>
 * Without flushes, the value depends only on ranks: {@link OmahaTables} holds, for each board rank multiset,
 * the best value of every hole-rank pair with three board cards, so a hand costs the board's row (one key
 * sum, two independent loads) and six loads from one 182-byte row. A flush is only possible when the board has three or
 * more cards of a suit and the hand two or more of the same suit (the suit counters of the key sums tell at
 * once); only then are the suited pairs and triples tried against the flush table. No allocation.
 *
 * <p>Concurrency: stateless. The tables are built once in static initializers and never written again, so
 * every method is safe to call from any number of threads at once without synchronization.
 */
public final class OmahaEvaluator {
    private static final long[] KEYS = EvalTables.CARD_KEYS;
    private static final char[] FLUSH = EvalTables.FLUSH;
    private static final int[] BOARD_LOW = OmahaTables.BOARD_LOW;
    private static final char[] BOARD_HIGH = OmahaTables.BOARD_HIGH;
    private static final char[] PAIR_INDEX = OmahaTables.PAIR_INDEX;
    private static final char[] BEST = OmahaTables.BEST;
    private static final int PAIRS = OmahaTables.PAIRS;
    /** Added to a 5-card key sum: bit 3 of a suit counter is then set when the board has 3+ of that suit. */
    private static final long BOARD_BIAS = 0x5555L << EvalTables.SUIT_SHIFT;
    /** Added to a 4-card key sum: bit 3 of a suit counter is then set when the hand has 2+ of that suit. */
    private static final long HOLE_BIAS = 0x6666L << EvalTables.SUIT_SHIFT;
    private static final long SUIT_BIT3 = EvalTables.FLUSH_CHECK;

    private OmahaEvaluator() {
    }

    /** Rank of the best hand of exactly two of the hole cards {@code h0..h3} and three of the board {@code b0..b4}. */
    public static int evaluate(int h0, int h1, int h2, int h3, int b0, int b1, int b2, int b3, int b4) {
        long[] k = KEYS;
        long board = k[b0] + k[b1] + k[b2] + k[b3] + k[b4];
        int rankKey = (int) board;
        int base = (BOARD_LOW[rankKey & 0xFFFF] + BOARD_HIGH[rankKey >>> 16]) * PAIRS;
        int r0 = (h0 >>> 2) * 13;
        int r1 = (h1 >>> 2) * 13;
        int r2 = (h2 >>> 2) * 13;
        int r3 = h3 >>> 2;
        char[] best = BEST;
        char[] pair = PAIR_INDEX;
        int v = Math.max(
                Math.max(best[base + pair[r0 + (h1 >>> 2)]], best[base + pair[r0 + (h2 >>> 2)]]),
                Math.max(best[base + pair[r0 + r3]], best[base + pair[r1 + (h2 >>> 2)]]));
        v = Math.max(v, Math.max(best[base + pair[r1 + r3]], best[base + pair[r2 + r3]]));
        long hole = k[h0] + k[h1] + k[h2] + k[h3];
        long suited = (board + BOARD_BIAS) & (hole + HOLE_BIAS) & SUIT_BIT3;
        if (suited != 0) {
            int shift = (Long.numberOfTrailingZeros(suited) - 35) << 2; // counter bit 35 + 4s -> mask shift 16s
            int holeMask = (int) ((mask(h0) | mask(h1) | mask(h2) | mask(h3)) >>> shift) & 0x1FFF;
            int boardMask = (int) ((mask(b0) | mask(b1) | mask(b2) | mask(b3) | mask(b4)) >>> shift) & 0x1FFF;
            v = Math.max(v, bestFlush(holeMask, boardMask));
        }
        return v;
    }

    /**
     * Rank of the best hand of exactly two of the four hole cards and three of the five board cards.
     *
     * @throws IllegalArgumentException if there are not 4 hole cards and 5 board cards, or a card is repeated
     */
    public static int evaluate(List<Card> hole, List<Card> board) {
        if (hole.size() != 4 || board.size() != 5) {
            throw new IllegalArgumentException("an Omaha hand is 4 hole cards and 5 board cards, not "
                    + hole.size() + " and " + board.size());
        }
        long seen = 0;
        for (List<Card> cards : List.of(hole, board)) {
            for (Card card : cards) {
                long bit = mask(card.index());
                if ((seen & bit) != 0) {
                    throw new IllegalArgumentException("card " + card + " appears twice in " + hole + " + " + board);
                }
                seen |= bit;
            }
        }
        return evaluate(hole.get(0).index(), hole.get(1).index(), hole.get(2).index(), hole.get(3).index(),
                board.get(0).index(), board.get(1).index(), board.get(2).index(), board.get(3).index(),
                board.get(4).index());
    }

    /** The best flush of two ranks of {@code holeMask} (2+ bits) and three of {@code boardMask} (3+ bits). */
    private static int bestFlush(int holeMask, int boardMask) {
        int best = 0;
        for (int a = holeMask; a != 0; a &= a - 1) {
            int first = a & -a;
            for (int b = a & (a - 1); b != 0; b &= b - 1) {
                int two = first | (b & -b);
                for (int c = boardMask; c != 0; c &= c - 1) {
                    int x = c & -c;
                    for (int d = c & (c - 1); d != 0; d &= d - 1) {
                        int y = d & -d;
                        for (int e = d & (d - 1); e != 0; e &= e - 1) {
                            best = Math.max(best, FLUSH[two | x | y | (e & -e)]);
                        }
                    }
                }
            }
        }
        return best;
    }

    private static long mask(int card) {
        return 1L << (((card & 3) << 4) + (card >>> 2));
    }
}
