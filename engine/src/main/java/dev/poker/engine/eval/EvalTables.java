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

    /** Key of each card 0..51. */
    static final long[] CARD_KEYS = new long[52];
    /** Value of a flush by the 13-bit rank mask of its suit; only masks of 5, 6 or 7 ranks are filled. */
    static final char[] FLUSH = new char[8192];
    /** Row start in {@link #NON_FLUSH} by low key, already less the row's first high index. */
    static final int[] LOW_BASE;
    /** Position of a high-half multiset, by high key, in the ordering by card count. */
    static final char[] HIGH_INDEX;
    /** Value of a non-flush hand of 5..7 cards, at {@code LOW_BASE[lowKey] + HIGH_INDEX[highKey]}. */
    static final char[] NON_FLUSH;
    /** How long the static initializer took, in nanoseconds (wall clock). */
    static final long BUILD_NANOS;

    static {
        long start = System.nanoTime();
        for (int c = 0; c < 52; c++) {
            int rank = c >>> 2;
            long rankKey = rank < LOW_RANKS ? LOW_KEYS[rank] : (long) HIGH_KEYS[rank - LOW_RANKS] << HIGH_SHIFT;
            CARD_KEYS[c] = rankKey + (1L << (SUIT_SHIFT + 4 * (c & 3)));
        }
        Values values = new Values();
        for (int bits = 5; bits <= 7; bits++) {
            for (int m = (1 << bits) - 1; m < 8192; m = nextSameBitCount(m)) {
                FLUSH[m] = (char) values.flush(m);
            }
        }

        Multisets low = Multisets.of(LOW_KEYS);
        Multisets high = Multisets.of(HIGH_KEYS);
        // Number the high-half multisets by card count: runStart[n] is the first number with n cards.
        int[] runStart = new int[9];
        for (int i = 0; i < high.size; i++) {
            runStart[high.cards[i] + 1]++;
        }
        for (int n = 1; n < 9; n++) {
            runStart[n] += runStart[n - 1];
        }
        // High-half rank masks in that order, moved up past the low ranks.
        int[] next = runStart.clone();
        int[][] highMasks = new int[4][high.size];
        HIGH_INDEX = new char[high.maxKey + 1];
        for (int i = 0; i < high.size; i++) {
            int index = next[high.cards[i]]++;
            HIGH_INDEX[high.keys[i]] = (char) index;
            highMasks[0][index] = high.atLeast[0][i] << LOW_RANKS;
            highMasks[1][index] = high.atLeast[1][i] << LOW_RANKS;
            highMasks[2][index] = high.atLeast[2][i] << LOW_RANKS;
            highMasks[3][index] = high.atLeast[3][i] << LOW_RANKS;
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
            values.fillRow(NON_FLUSH, row - from, from, to, low.atLeast[0][i], low.atLeast[1][i],
                    low.atLeast[2][i], low.atLeast[3][i], highMasks);
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

    /** The high card of the best straight in a rank mask (3 for the wheel), or -1 if there is none. */
    static int highestStraight(int mask) {
        int runStarts = mask & mask >>> 1 & mask >>> 2 & mask >>> 3 & mask >>> 4;
        if (runStarts != 0) {
            return 35 - Integer.numberOfLeadingZeros(runStarts); // top run's lowest card + 4
        }
        return (mask & 0x100F) == 0x100F ? 3 : -1;
    }

    /** The next larger int with as many bits set (Gosper's hack). */
    private static int nextSameBitCount(int m) {
        int lowest = m & -m;
        int ripple = m + lowest;
        return ripple | ((m ^ ripple) >>> 2) / lowest;
    }

    /**
     * All rank multisets of one half of the ranks (each rank 0..4 times, at most 7 cards): key, card count, and
     * the masks of the ranks held at least once, twice, 3 and 4 times.
     *
     * <p>Concurrency: build-time scratch, used only by the thread running the static initializer.
     */
    private static final class Multisets {
        final int[] keys = new int[4096];
        final int[] cards = new int[4096];
        /** {@code atLeast[k - 1][i]}: mask of the ranks that multiset i holds at least k times. */
        final int[][] atLeast = new int[4][4096];
        final int[] multipliers;
        int size;
        int maxKey;

        private Multisets(int[] multipliers) {
            this.multipliers = multipliers;
        }

        static Multisets of(int[] multipliers) {
            Multisets m = new Multisets(multipliers);
            m.add(0, 0, 0, 0, 0, 0, 0);
            return m;
        }

        private void add(int rank, int key, int n, int one, int two, int three, int four) {
            if (rank == multipliers.length) {
                keys[size] = key;
                cards[size] = n;
                atLeast[0][size] = one;
                atLeast[1][size] = two;
                atLeast[2][size] = three;
                atLeast[3][size] = four;
                size++;
                maxKey = Math.max(maxKey, key);
                return;
            }
            int bit = 1 << rank;
            int k = multipliers[rank];
            add(rank + 1, key, n, one, two, three, four);
            if (n <= 6) {
                add(rank + 1, key + k, n + 1, one | bit, two, three, four);
            }
            if (n <= 5) {
                add(rank + 1, key + 2 * k, n + 2, one | bit, two | bit, three, four);
            }
            if (n <= 4) {
                add(rank + 1, key + 3 * k, n + 3, one | bit, two | bit, three | bit, four);
            }
            if (n <= 3) {
                add(rank + 1, key + 4 * k, n + 4, one | bit, two | bit, three | bit, four | bit);
            }
        }
    }

    /**
     * Computes values. Within a category, hands are numbered from the worst, 0, with no gaps: sets of kicker
     * ranks by their colexicographic index (the order that compares the highest card first), with the ranks
     * already used by the pair or trips squeezed out. Its scratch table lives only while the tables are built.
     *
     * <p>Concurrency: build-time scratch, used only by the thread running the static initializer.
     */
    private static final class Values {
        private static final int HIGH_CARD = HandCategory.HIGH_CARD.ordinal() << CATEGORY_SHIFT;
        private static final int PAIR = HandCategory.PAIR.ordinal() << CATEGORY_SHIFT;
        private static final int TWO_PAIR = HandCategory.TWO_PAIR.ordinal() << CATEGORY_SHIFT;
        private static final int THREE_OF_A_KIND = HandCategory.THREE_OF_A_KIND.ordinal() << CATEGORY_SHIFT;
        private static final int STRAIGHT = HandCategory.STRAIGHT.ordinal() << CATEGORY_SHIFT;
        private static final int FLUSH = HandCategory.FLUSH.ordinal() << CATEGORY_SHIFT;
        private static final int FULL_HOUSE = HandCategory.FULL_HOUSE.ordinal() << CATEGORY_SHIFT;
        private static final int FOUR_OF_A_KIND = HandCategory.FOUR_OF_A_KIND.ordinal() << CATEGORY_SHIFT;
        private static final int STRAIGHT_FLUSH = HandCategory.STRAIGHT_FLUSH.ordinal() << CATEGORY_SHIFT;

        /**
         * By rank mask: for 2 and 3 ranks, the colexicographic index among the masks of as many ranks; for 5
         * ranks that are not a straight, the index among those (0..1,276): the high-card and flush order.
         * Masks of one bit count compare numerically exactly as poker compares high cards, so numbering them
         * in numeric order gives these indices.
         */
        private final char[] order = new char[8192];

        Values() {
            for (int bits = 2; bits <= 5; bits++) {
                int index = 0;
                for (int m = (1 << bits) - 1; m < 8192; m = nextSameBitCount(m)) {
                    if (bits < 5 || highestStraight(m) < 0) {
                        order[m] = (char) index++;
                    }
                }
            }
        }

        /**
         * Fills {@code table[base + h]} for the high-half multisets {@code h} in {@code [from, to)} joined to one
         * low-half multiset (given by its rank masks); {@code high} holds the high-half masks by number. A method of its own so that the JIT compiles it early.
         */
        void fillRow(char[] table, int base, int from, int to, int one, int two, int three, int four,
                int[][] high) {
            int[] highOne = high[0];
            int[] highTwo = high[1];
            int[] highThree = high[2];
            int[] highFour = high[3];
            for (int h = from; h < to; h++) {
                table[base + h] = (char) nonFlush(one | highOne[h], two | highTwo[h], three | highThree[h],
                        four | highFour[h]);
            }
        }

        /** Value of the best hand in a 13-bit mask of suited ranks (5..7 ranks). */
        int flush(int mask) {
            int straight = highestStraight(mask);
            if (straight >= 0) {
                return STRAIGHT_FLUSH | straight - 3;
            }
            return FLUSH | order[keepHighest(mask, 5)];
        }

        /**
         * Value of the best non-flush hand of 5..7 cards given by the masks of the ranks held at least once,
         * twice, 3 and 4 times.
         */
        int nonFlush(int any, int pairs, int trips, int quads) {
            if (quads != 0) {
                int q = top(quads);
                int kicker = top(any & ~(1 << q));
                return FOUR_OF_A_KIND | q * 12 + squeeze(kicker, q);
            }
            if (trips != 0) {
                int t = top(trips);
                int others = pairs & ~(1 << t);
                if (others != 0) {
                    return FULL_HOUSE | t * 12 + squeeze(top(others), t);
                }
            }
            int straight = highestStraight(any);
            if (straight >= 0) {
                return STRAIGHT | straight - 3;
            }
            if (trips != 0) {
                int t = top(trips);
                return THREE_OF_A_KIND | t * 66 + order[squeezeMask(keepHighest(any & ~(1 << t), 2), t)];
            }
            if (pairs != 0) {
                int hi = top(pairs);
                int rest = pairs & ~(1 << hi);
                if (rest != 0) {
                    int lo = top(rest);
                    int kicker = top(any & ~(1 << hi | 1 << lo));
                    return TWO_PAIR | (hi * (hi - 1) / 2 + lo) * 11 + squeeze(squeeze(kicker, hi), lo);
                }
                return PAIR | hi * 220 + order[squeezeMask(keepHighest(any & ~(1 << hi), 3), hi)];
            }
            return HIGH_CARD | order[keepHighest(any, 5)];
        }

        private static int top(int mask) {
            return 31 - Integer.numberOfLeadingZeros(mask);
        }

        /** The mask with only its {@code n} highest bits kept. */
        private static int keepHighest(int mask, int n) {
            while (Integer.bitCount(mask) > n) {
                mask &= mask - 1;
            }
            return mask;
        }

        /** A rank's place once rank {@code gone} (a different rank) is taken out of the deck. */
        private static int squeeze(int rank, int gone) {
            return rank > gone ? rank - 1 : rank;
        }

        /** A mask without bit {@code gone} with the bits above it moved down one. */
        private static int squeezeMask(int mask, int gone) {
            return mask & (1 << gone) - 1 | mask >>> 1 & -(1 << gone);
        }
    }
}
