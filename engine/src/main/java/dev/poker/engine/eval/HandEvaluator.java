package dev.poker.engine.eval;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * Ranks poker hands of 5, 6 or 7 cards: the value of the best 5-card hand they contain.
 *
 * <h2>Rank encoding</h2>
 * A rank is an {@code int} in which a higher number is a better hand and equal hands have equal ranks:
 * {@code rank = category.ordinal() << 12 | index}, where {@code index} (0..2,859) orders the hands of one
 * {@link HandCategory} from the worst (0) up. So {@code rank >>> 12} ({@link #CATEGORY_SHIFT}) is the
 * {@link HandCategory} ordinal, see {@link #category(int)}; ranks lie in 0 (7-5-4-3-2 unsuited) to 32,777 (royal
 * flush); the 7,462 classes of 5-card hands have 7,462 distinct ranks. Ranks are stable: they depend only on
 * the hand, never on the JVM run, so they may be stored and compared later.
 *
 * <h2>Cards</h2>
 * Cards are passed as {@link Card#index()} values 0..51 ({@code rank * 4 + suit}). The cards of one hand must
 * be distinct. The int-based methods do not check that, for speed: a repeated card gives an unspecified rank
 * or an {@link ArrayIndexOutOfBoundsException}; an index outside 0..51 throws
 * {@link ArrayIndexOutOfBoundsException}. The {@link List} and {@link HandValue#describe} methods check fully.
 *
 * <h2>How</h2>
 * Each card has a 64-bit key (see {@link EvalTables}) and a hand's key is the sum of its cards' keys: it
 * carries suit counters that reveal a flush, and per-rank sums that identify the hand's rank counts. Without a
 * flush the rank is found in a dense table of 73,775 entries by two table reads plus one; with a flush, in an
 * 8,192-entry table by the 13-bit rank mask of the flush suit. No allocation, no loops over cards beyond the
 * key sum, about 290 KB of tables in all. {@link #cardKey(int)}, {@link #cardMask(int)} and
 * {@link #evaluateKeys(long, long)} expose the incremental form for enumerations: keep partial sums of the
 * shared cards and add one card at a time.
 *
 * <p>Concurrency: stateless. The tables are built once in a static initializer and never written again, so
 * every method is safe to call from any number of threads at once without synchronization.
 */
public final class HandEvaluator {
    /** {@code rank >>> CATEGORY_SHIFT} is the {@link HandCategory} ordinal. */
    public static final int CATEGORY_SHIFT = 12;

    private static final long[] KEYS = EvalTables.CARD_KEYS;
    private static final int[] LOW_BASE = EvalTables.LOW_BASE;
    private static final char[] HIGH_INDEX = EvalTables.HIGH_INDEX;
    private static final char[] NON_FLUSH = EvalTables.NON_FLUSH;
    private static final char[] FLUSH = EvalTables.FLUSH;
    private static final long SUIT_BIAS = EvalTables.SUIT_BIAS;
    private static final long FLUSH_CHECK = EvalTables.FLUSH_CHECK;

    private HandEvaluator() {
    }

    /** Rank of the 5-card hand. */
    public static int evaluate5(int c0, int c1, int c2, int c3, int c4) {
        long[] k = KEYS;
        long key = SUIT_BIAS + k[c0] + k[c1] + k[c2] + k[c3] + k[c4];
        if ((key & FLUSH_CHECK) != 0) {
            return flush(key, mask(c0) | mask(c1) | mask(c2) | mask(c3) | mask(c4));
        }
        return nonFlush((int) key);
    }

    /** Rank of the best 5-card hand among the 6 cards. */
    public static int evaluate6(int c0, int c1, int c2, int c3, int c4, int c5) {
        long[] k = KEYS;
        long key = SUIT_BIAS + k[c0] + k[c1] + k[c2] + k[c3] + k[c4] + k[c5];
        if ((key & FLUSH_CHECK) != 0) {
            return flush(key, mask(c0) | mask(c1) | mask(c2) | mask(c3) | mask(c4) | mask(c5));
        }
        return nonFlush((int) key);
    }

    /** Rank of the best 5-card hand among the 7 cards. */
    public static int evaluate7(int c0, int c1, int c2, int c3, int c4, int c5, int c6) {
        long[] k = KEYS;
        long key = SUIT_BIAS + k[c0] + k[c1] + k[c2] + k[c3] + k[c4] + k[c5] + k[c6];
        if ((key & FLUSH_CHECK) != 0) {
            return flush(key, mask(c0) | mask(c1) | mask(c2) | mask(c3) | mask(c4) | mask(c5) | mask(c6));
        }
        return nonFlush((int) key);
    }

    /**
     * Rank of the best 5-card hand among {@code cards[from .. from + count)}.
     *
     * @throws IllegalArgumentException if {@code count} is not 5, 6 or 7
     */
    public static int evaluate(int[] cards, int from, int count) {
        int f = from;
        switch (count) { // one call with the cards spread out: as fast as the fixed-arity methods
            case 7:
                return evaluate7(cards[f], cards[f + 1], cards[f + 2], cards[f + 3], cards[f + 4], cards[f + 5],
                        cards[f + 6]);
            case 6:
                return evaluate6(cards[f], cards[f + 1], cards[f + 2], cards[f + 3], cards[f + 4], cards[f + 5]);
            case 5:
                return evaluate5(cards[f], cards[f + 1], cards[f + 2], cards[f + 3], cards[f + 4]);
            default:
                throw new IllegalArgumentException("a hand has 5 to 7 cards, not " + count);
        }
    }

    /**
     * Rank of the best 5-card hand among the cards.
     *
     * @throws IllegalArgumentException if there are not 5 to 7 cards or a card is repeated
     */
    public static int evaluate(List<Card> cards) {
        int count = cards.size();
        if (count < 5 || count > 7) {
            throw new IllegalArgumentException("a hand has 5 to 7 cards, not " + count);
        }
        long key = SUIT_BIAS;
        long mask = 0;
        for (Card card : cards) {
            int c = card.index();
            long bit = mask(c);
            if ((mask & bit) != 0) {
                throw new IllegalArgumentException("card " + card + " appears twice in " + cards);
            }
            key += KEYS[c];
            mask |= bit;
        }
        return (key & FLUSH_CHECK) != 0 ? flush(key, mask) : nonFlush((int) key);
    }

    /** The category of a rank: {@code HandCategory.of(rank)}. */
    public static HandCategory category(int rank) {
        return HandCategory.of(rank);
    }

    // ---- incremental form -----------------------------------------------------------------------------------

    /**
     * The key of one card (0..51). The sum of the keys of 5..7 distinct cards, with the matching
     * {@link #cardMask(int)} OR, is what {@link #evaluateKeys(long, long)} ranks; partial sums may be kept and
     * extended card by card.
     */
    public static long cardKey(int card) {
        return KEYS[card];
    }

    /** The bit of one card (0..51) in a 64-bit card mask: bit {@code 16 * suit + rank}. */
    public static long cardMask(int card) {
        return mask(card);
    }

    /**
     * Rank of a hand of 5..7 distinct cards given by the sum of their {@link #cardKey(int)}s and the OR of
     * their {@link #cardMask(int)}s. Same result as {@link #evaluate7} and the others for the same cards;
     * unspecified (or an {@link ArrayIndexOutOfBoundsException}) for sums of fewer than 5, more than 7 or
     * repeated cards.
     */
    public static int evaluateKeys(long keySum, long mask) {
        long key = SUIT_BIAS + keySum;
        return (key & FLUSH_CHECK) != 0 ? flush(key, mask) : nonFlush((int) key);
    }

    // ---- lookups ---------------------------------------------------------------------------------------------

    private static long mask(int card) {
        return 1L << (((card & 3) << 4) + (card >>> 2));
    }

    private static int nonFlush(int key) {
        return NON_FLUSH[LOW_BASE[key & 0xFFFF] + HIGH_INDEX[key >>> 16]];
    }

    private static int flush(long key, long mask) {
        // The counter with bit 3 set: its bit index 35 + 4 * suit becomes the shift 16 * suit.
        int suitShift = (Long.numberOfTrailingZeros(key & FLUSH_CHECK) - 35) << 2;
        return FLUSH[(int) (mask >>> suitShift) & 0x1FFF];
    }
}
