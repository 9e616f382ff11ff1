package dev.poker.engine.eval;

/**
 * Builds the lookup tables behind {@link HandEvaluator}.
 *
 * <h2>Card keys</h2>
 * Every card has a 64-bit key; the key of a hand is the plain sum of its cards' keys, so it can be built
 * incrementally. A key has three fields:
 * <ul>
 *   <li>bits 0..15: the <em>low key</em>, the sum of {@link #LOW_KEYS}{@code [rank]} over the cards of rank 2..7;</li>
 *   <li>bits 16..31: the <em>high key</em>, the sum of {@link #HIGH_KEYS}{@code [rank - 6]} over the cards of rank
 *       8..A;</li>
 *   <li>bits 32..47: four 4-bit suit counters, clubs lowest.</li>
 * </ul>
 * The per-rank multipliers were chosen greedily (each the smallest number keeping the property) so that any
 * multiset of at most 7 ranks, at most 4 of each, has its own sum: a low or high key therefore identifies the
 * exact rank counts of its half of the deck. Maximum sums are 10,551 (low) and 43,717 (high), so neither field
 * ever carries into the next. The suit counters start at 3 ({@link #SUIT_BIAS}) so that bit 3 of a counter
 * ({@link #FLUSH_CHECK}) is set exactly when that suit has 5 or more cards; 3 + 7 = 10 never overflows.
 *
 * <h2>Non-flush lookup</h2>
 * Without a flush, a hand's value depends only on its rank counts, that is on the pair (low key, high key).
 * The table {@link #NON_FLUSH} lists every pair whose total card count is 5, 6 or 7 (73,775 of them) with no
 * gaps: the rows are the low-half multisets, each row holding the high-half multisets of the card counts that
 * complete it to 5..7 cards. High-half multisets are numbered by card count, so those form one contiguous run.
 * The index of a hand is {@code LOW_BASE[lowKey] + HIGH_INDEX[highKey]}: two independent loads, then one.
 *
 * <h2>Flush lookup</h2>
 * With 5 or more cards of one suit (at most one suit can have that many among 7 cards, and no full house or
 * quads can then be made) the value is {@link #FLUSH}{@code [ranks of that suit as a 13-bit mask]}.
 *
 * <h2>Values</h2>
 * A value is {@code category.ordinal() << 12 | index}, where index orders the hands of a category from worst
 * (0) to best: 7,462 distinct values for the 7,462 classes of 5-card hands, as {@code char}s.
 *
 * <p>Concurrency: the arrays are filled once, in the static initializer, and never written again; the JVM's
 * class initialization publishes them safely, so every thread may read them without synchronization.
 */
final class EvalTables {
    /** Multipliers of the ranks 2..7 (rank indices 0..5) in the low key. */
    static final int[] LOW_KEYS = {1, 5, 24, 112, 521, 2247};
    /** Multipliers of the ranks 8..A (rank indices 6..12) in the high key. */
    static final int[] HIGH_KEYS = {1, 5, 24, 112, 521, 2247, 9244};
    static final int LOW_RANKS = LOW_KEYS.length;
    static final int HIGH_SHIFT = 16;
    static final int SUIT_SHIFT = 32;
    /** Added once to a sum of card keys: every suit counter starts at 3. */
    static final long SUIT_BIAS = 0x3333L << SUIT_SHIFT;
    /** Bit 3 of every suit counter: set when the suit has at least 5 cards. */
    static final long FLUSH_CHECK = 0x8888L << SUIT_SHIFT;

    static final int CATEGORY_SHIFT = 12;
    private static final int STRAIGHT_ORDINAL = HandCategory.STRAIGHT.ordinal();
    private static final int FLUSH_ORDINAL = HandCategory.FLUSH.ordinal();
    private static final int STRAIGHT_FLUSH_ORDINAL = HandCategory.STRAIGHT_FLUSH.ordinal();

    /** Key of each card 0..51. */
    static final long[] CARD_KEYS = new long[52];
    /** Value of a flush hand by the 13-bit rank mask of its flush suit; masks of fewer than 5 ranks are unused. */
    static final char[] FLUSH = new char[8192];
    /** Row start in {@link #NON_FLUSH} by low key, already less the row's first high index. */
    static final int[] LOW_BASE;
    /** Position of a high-half multiset, by high key, in the ordering by card count. */
    static final char[] HIGH_INDEX;
    /** Value of a non-flush hand of 5..7 cards, at {@code LOW_BASE[lowKey] + HIGH_INDEX[highKey]}. */
    static final char[] NON_FLUSH;
    /** How long the static initializer took, in nanoseconds. */
    static final long BUILD_NANOS;

    /** Binomial coefficients C(n, k), n 0..13, k 0..5. */
    private static final int[][] CHOOSE = new int[14][6];

    static {
        long start = System.nanoTime();
        for (int n = 0; n < 14; n++) {
            CHOOSE[n][0] = 1;
            for (int k = 1; k < 6; k++) {
                CHOOSE[n][k] = n == 0 ? 0 : CHOOSE[n - 1][k - 1] + CHOOSE[n - 1][k];
            }
        }
        Values values = new Values();
        for (int c = 0; c < 52; c++) {
            int rank = c >>> 2;
            long rankKey = rank < LOW_RANKS ? LOW_KEYS[rank] : (long) HIGH_KEYS[rank - LOW_RANKS] << HIGH_SHIFT;
            CARD_KEYS[c] = rankKey + (1L << (SUIT_SHIFT + 4 * (c & 3)));
        }
        for (int m = 0; m < 8192; m++) {
            if (Integer.bitCount(m) >= 5) {
                FLUSH[m] = (char) values.flush(m);
            }
        }

        // Rank-count multisets of each half: counts packed 4 bits per rank, with their key and card count.
        Multisets low = Multisets.of(LOW_KEYS);
        Multisets high = Multisets.of(HIGH_KEYS);
        // Number the high-half multisets by card count; runStart[n] = first number with n cards.
        int[] runStart = new int[9];
        for (int i = 0; i < high.size; i++) {
            runStart[high.cards[i] + 1]++;
        }
        for (int n = 1; n < 9; n++) {
            runStart[n] += runStart[n - 1];
        }
        int[] fill = runStart.clone();
        int[] highByIndex = new int[high.size];
        HIGH_INDEX = new char[high.maxKey + 1];
        for (int i = 0; i < high.size; i++) {
            int index = fill[high.cards[i]]++;
            HIGH_INDEX[high.keys[i]] = (char) index;
            highByIndex[index] = i;
        }
        int size = 0;
        for (int i = 0; i < low.size; i++) {
            int n = low.cards[i];
            size += runStart[8 - n] - runStart[Math.max(0, 5 - n)];
        }
        NON_FLUSH = new char[size];
        LOW_BASE = new int[low.maxKey + 1];
        int row = 0;
        for (int i = 0; i < low.size; i++) {
            int n = low.cards[i];
            int from = runStart[Math.max(0, 5 - n)];
            int to = runStart[8 - n];
            LOW_BASE[low.keys[i]] = row - from;
            int[][] lo = low.atLeast;
            int[][] hi = high.atLeast;
            for (int h = from; h < to; h++) {
                int j = highByIndex[h];
                NON_FLUSH[row + h - from] = (char) values.nonFlush(lo[0][i] | hi[0][j] << LOW_RANKS,
                        lo[1][i] | hi[1][j] << LOW_RANKS, lo[2][i] | hi[2][j] << LOW_RANKS,
                        lo[3][i] | hi[3][j] << LOW_RANKS);
            }
            row += to - from;
        }
        BUILD_NANOS = System.nanoTime() - start;
    }

    private EvalTables() {
    }

    /** Total size of the lookup arrays in bytes (array payloads only). */
    static long tableBytes() {
        return CARD_KEYS.length * 8L + FLUSH.length * 2L + LOW_BASE.length * 4L + HIGH_INDEX.length * 2L
                + NON_FLUSH.length * 2L;
    }

    /**
     * All rank multisets of one half of the ranks (each rank 0..4 times, at most 7 cards), in enumeration
     * order: key, card count, and the masks of the ranks held at least once, twice, 3 and 4 times.
     */
    private static final class Multisets {
        final int[] keys;
        final int[] cards;
        /** {@code atLeast[k - 1][i]}: mask of the ranks that multiset i holds at least k times. */
        final int[][] atLeast;
        int size;
        int maxKey;

        private Multisets(int capacity) {
            keys = new int[capacity];
            cards = new int[capacity];
            atLeast = new int[4][capacity];
        }

        static Multisets of(int[] multipliers) {
            Multisets m = new Multisets(4096);
            m.add(multipliers, 0, new int[4], 0, 0);
            return m;
        }

        private void add(int[] multipliers, int rank, int[] masks, int key, int n) {
            if (rank == multipliers.length) {
                keys[size] = key;
                cards[size] = n;
                for (int k = 0; k < 4; k++) {
                    atLeast[k][size] = masks[k];
                }
                size++;
                maxKey = Math.max(maxKey, key);
                return;
            }
            for (int k = 0; k <= 4 && n + k <= 7; k++) {
                if (k > 0) {
                    masks[k - 1] |= 1 << rank;
                }
                add(multipliers, rank + 1, masks, key + k * multipliers[rank], n + k);
            }
            for (int k = 0; k < 4; k++) {
                masks[k] &= ~(1 << rank);
            }
        }
    }

    static int value(HandCategory category, int index) {
        return category.ordinal() << CATEGORY_SHIFT | index;
    }

    /** Computes values; its scratch table lives only while the tables are built. */
    private static final class Values {
        /** For each 13-bit mask of 5 ranks that is not a straight: its place among those masks, weakest 0. */
        private final int[] fiveRankOrder = new int[8192];

        Values() {
            // Masks of equal popcount compare numerically exactly as poker compares high cards (highest card
            // first), so numbering them in numeric order, straights left out, gives the high-card/flush order.
            int next = 0;
            for (int m = 0; m < 8192; m++) {
                if (Integer.bitCount(m) == 5 && highestStraight(m) < 0) {
                    fiveRankOrder[m] = next++;
                }
            }
        }

        /** Value of the best hand in a 13-bit mask of suited ranks (5..13 ranks). */
        int flush(int mask) {
            int straight = highestStraight(mask);
            if (straight >= 0) {
                return STRAIGHT_FLUSH_ORDINAL << CATEGORY_SHIFT | (straight - 3);
            }
            return FLUSH_ORDINAL << CATEGORY_SHIFT | fiveRankOrder[keepHighest(mask, 5)];
        }

        /** Value of the best non-flush hand of 5..7 cards: the masks of ranks held at least 1, 2, 3 and 4 times. */
        int nonFlush(int any, int pairs, int trips, int quads) {
            if (quads != 0) {
                int q = highest(quads);
                int kicker = highest(any & ~(1 << q));
                return value(HandCategory.FOUR_OF_A_KIND, q * 12 + compressRank(kicker, 1 << q));
            }
            if (trips != 0) {
                int t = highest(trips);
                int pairRanks = pairs & ~(1 << t);
                if (pairRanks != 0) {
                    int p = highest(pairRanks);
                    return value(HandCategory.FULL_HOUSE, t * 12 + compressRank(p, 1 << t));
                }
            }
            int straight = highestStraight(any);
            if (straight >= 0) {
                return STRAIGHT_ORDINAL << CATEGORY_SHIFT | (straight - 3);
            }
            if (trips != 0) {
                int t = highest(trips);
                int kickers = keepHighest(any & ~(1 << t), 2);
                return value(HandCategory.THREE_OF_A_KIND, t * 66 + colex(compress(kickers, 1 << t)));
            }
            if (Integer.bitCount(pairs) >= 2) {
                int hi = highest(pairs);
                int lo = highest(pairs & ~(1 << hi));
                int used = 1 << hi | 1 << lo;
                int kicker = highest(any & ~used);
                return value(HandCategory.TWO_PAIR, (CHOOSE[hi][2] + lo) * 11 + compressRank(kicker, used));
            }
            if (pairs != 0) {
                int p = highest(pairs);
                int kickers = keepHighest(any & ~(1 << p), 3);
                return value(HandCategory.PAIR, p * 220 + colex(compress(kickers, 1 << p)));
            }
            return value(HandCategory.HIGH_CARD, fiveRankOrder[keepHighest(any, 5)]);
        }
    }

    /** The high card of the best straight in a rank mask (3 for the wheel), or -1 if there is none. */
    static int highestStraight(int mask) {
        int runStarts = mask & mask >>> 1 & mask >>> 2 & mask >>> 3 & mask >>> 4;
        if (runStarts != 0) {
            return 35 - Integer.numberOfLeadingZeros(runStarts); // lowest card of the top run, plus 4
        }
        return (mask & 0x100F) == 0x100F ? 3 : -1;
    }

    private static int highest(int mask) {
        return 31 - Integer.numberOfLeadingZeros(mask);
    }

    /** The mask with only its {@code n} highest bits kept. */
    private static int keepHighest(int mask, int n) {
        while (Integer.bitCount(mask) > n) {
            mask &= mask - 1;
        }
        return mask;
    }

    /** A rank's place among the ranks not in {@code removed}. */
    private static int compressRank(int rank, int removed) {
        return rank - Integer.bitCount(removed & ((1 << rank) - 1));
    }

    /** The mask with the ranks in {@code removed} taken out and the ranks above them moved down. */
    private static int compress(int mask, int removed) {
        int out = 0;
        for (int m = mask; m != 0; m &= m - 1) {
            out |= 1 << compressRank(Integer.numberOfTrailingZeros(m), removed);
        }
        return out;
    }

    /** Colexicographic index of a set among the sets of its size: ordered by highest element first. */
    private static int colex(int mask) {
        int index = 0;
        int k = 1;
        for (int m = mask; m != 0; m &= m - 1) {
            index += CHOOSE[Integer.numberOfTrailingZeros(m)][k++];
        }
        return index;
    }
}
