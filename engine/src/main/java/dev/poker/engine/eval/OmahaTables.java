package dev.poker.engine.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the lookup table behind {@link OmahaEvaluator}: for every 5-card board rank multiset and every pair
 * of hole-card ranks, the best non-flush value of the pair with three of the board's cards.
 *
 * <h2>Layout</h2>
 * A board's ranks (6,175 multisets of 5 ranks, none 5 times) are numbered from the two halves of its key sum
 * (see {@link EvalTables}): the row is {@code BOARD_LOW[lowKey] + BOARD_HIGH[highKey]}. Boards are grouped by
 * their low-half multiset; within a group, the high-half multisets of the card count that completes 5 follow
 * each other, numbered by {@link #BOARD_HIGH} within their card count. Two independent loads give the row, with
 * no third table between. A pair of hole ranks (91 of them, equal ranks included) is numbered by
 * {@link #PAIR_INDEX}{@code [rank1 * 13 + rank2]} (symmetric). The value of a pair on a board is
 * {@link #BEST}{@code [row * 91 + pair]}: the 91 values of one board are contiguous, so the six pairs of one
 * Omaha hand read at most four cache lines. A pair and board that no deck can deal together (a rank 5 times in
 * the chosen five) is skipped; when no choice of three is possible the entry is 0. About 1.1 MB for
 * {@link #BEST}.
 *
 * <p>Flushes are not in this table: a flush needs two hole cards and three board cards of one suit, which
 * {@link OmahaEvaluator} handles on its own (the rank-only value of a suited five is its straight or high card,
 * never above its flush value, so taking the maximum of both stays exact).
 *
 * <p>Concurrency: the arrays are filled once, in the static initializer, and never written again; the JVM's
 * class initialization publishes them safely, so every thread may read them without synchronization. The class
 * is only loaded when an Omaha hand is first evaluated, so hold'em tables never pay for it.
 */
final class OmahaTables {
    /** Pairs of hole ranks: C(13, 2) + 13. */
    static final int PAIRS = 91;
    /** Board rank multisets of 5 cards with no rank 5 times: C(17, 5) - 13. */
    static final int BOARDS = 6175;

    /** Pair number by {@code rank1 * 13 + rank2}, either order. */
    static final char[] PAIR_INDEX = new char[13 * 13];
    /** First row of the boards with this low-half key (ranks 2..7). */
    static final int[] BOARD_LOW = new int[maxKey(EvalTables.LOW_KEYS) + 1];
    /** Offset of a high-half multiset (ranks 8..A) among those with as many cards, by high key. */
    static final char[] BOARD_HIGH = new char[maxKey(EvalTables.HIGH_KEYS) + 1];
    /** Best non-flush value of a hole pair with three board cards, at {@code row * PAIRS + pair}. */
    static final char[] BEST = new char[BOARDS * PAIRS];
    /** How long the static initializer took, in nanoseconds (wall clock). */
    static final long BUILD_NANOS;

    private static final int[][] TRIPLES = {
        {0, 1, 2}, {0, 1, 3}, {0, 1, 4}, {0, 2, 3}, {0, 2, 4}, {0, 3, 4}, {1, 2, 3}, {1, 2, 4}, {1, 3, 4}, {2, 3, 4}};

    static {
        long start = System.nanoTime();
        int pairs = 0;
        int[] pairLow = new int[PAIRS];
        int[] pairHigh = new int[PAIRS];
        for (int hi = 0; hi < 13; hi++) {
            for (int lo = 0; lo <= hi; lo++) {
                PAIR_INDEX[hi * 13 + lo] = (char) pairs;
                PAIR_INDEX[lo * 13 + hi] = (char) pairs;
                pairLow[pairs] = lo;
                pairHigh[pairs] = hi;
                pairs++;
            }
        }
        List<int[]> low = new ArrayList<>();
        halfMultisets(0, EvalTables.LOW_RANKS, new int[5], 0, low);
        List<int[]> high = new ArrayList<>();
        halfMultisets(EvalTables.LOW_RANKS, 13, new int[5], 0, high);
        // high-half multisets grouped by card count, each numbered within its count
        List<List<int[]>> highByCount = new ArrayList<>();
        for (int n = 0; n <= 5; n++) {
            highByCount.add(new ArrayList<>());
        }
        for (int[] h : high) {
            List<int[]> group = highByCount.get(h.length);
            BOARD_HIGH[keyOf(h)] = (char) group.size();
            group.add(h);
        }
        int row = 0;
        int[] board = new int[5];
        int[] count = new int[13];
        for (int[] l : low) {
            BOARD_LOW[keyOf(l)] = row;
            for (int[] h : highByCount.get(5 - l.length)) {
                System.arraycopy(l, 0, board, 0, l.length);
                System.arraycopy(h, 0, board, l.length, h.length);
                for (int p = 0; p < PAIRS; p++) {
                    BEST[row * PAIRS + p] = (char) bestWithPair(board, pairLow[p], pairHigh[p], count);
                }
                row++;
            }
        }
        if (row != BOARDS) {
            throw new AssertionError("expected " + BOARDS + " boards, built " + row);
        }
        BUILD_NANOS = System.nanoTime() - start;
    }

    private OmahaTables() {
    }

    /** Total size of the lookup arrays in bytes (array payloads only). */
    static long tableBytes() {
        return PAIR_INDEX.length * 2L + BOARD_LOW.length * 4L + BOARD_HIGH.length * 2L + BEST.length * 2L;
    }

    /**
     * Adds to {@code out} every multiset of at most 5 cards of the ranks {@code from..to-1} (each at most 4
     * times), as its ranks in ascending order, with the ranks before {@code from} already in {@code ranks}.
     */
    private static void halfMultisets(int from, int to, int[] ranks, int size, List<int[]> out) {
        if (from == to) {
            out.add(java.util.Arrays.copyOf(ranks, size));
            return;
        }
        for (int times = 0; times <= 4 && size + times <= 5; times++) {
            for (int i = 0; i < times; i++) {
                ranks[size + i] = from;
            }
            halfMultisets(from + 1, to, ranks, size + times, out);
        }
    }

    /** The half key (low or high field, unshifted) of ranks all in one half. */
    private static int keyOf(int[] ranks) {
        int key = 0;
        for (int r : ranks) {
            key += rankKey(r);
        }
        return key >>> (ranks.length > 0 && ranks[0] >= EvalTables.LOW_RANKS ? EvalTables.HIGH_SHIFT : 0);
    }

    private static int maxKey(int[] multipliers) {
        return 4 * multipliers[multipliers.length - 1] + multipliers[multipliers.length - 2];
    }

    /** The rank part of a card key: its low or high key field, without suit counters. */
    static int rankKey(int rank) {
        return rank < EvalTables.LOW_RANKS
                ? EvalTables.LOW_KEYS[rank]
                : EvalTables.HIGH_KEYS[rank - EvalTables.LOW_RANKS] << EvalTables.HIGH_SHIFT;
    }

    /** Position in {@link EvalTables#NON_FLUSH} of the rank multiset with this key sum (5..7 ranks). */
    static int denseIndex(int key) {
        return EvalTables.LOW_BASE[key & 0xFFFF] + EvalTables.HIGH_INDEX[key >>> EvalTables.HIGH_SHIFT];
    }

    private static int bestWithPair(int[] board, int low, int high, int[] count) {
        int best = 0;
        int pairKey = rankKey(low) + rankKey(high);
        for (int[] t : TRIPLES) {
            int a = board[t[0]];
            int b = board[t[1]];
            int c = board[t[2]];
            java.util.Arrays.fill(count, 0);
            count[a]++;
            count[b]++;
            count[c]++;
            count[low]++;
            count[high]++;
            if (count[a] > 4 || count[b] > 4 || count[c] > 4 || count[low] > 4 || count[high] > 4) {
                continue;
            }
            best = Math.max(best, EvalTables.NON_FLUSH[denseIndex(pairKey + rankKey(a) + rankKey(b) + rankKey(c))]);
        }
        return best;
    }
}
