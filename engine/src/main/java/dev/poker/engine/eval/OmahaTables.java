package dev.poker.engine.eval;

/**
 * Builds the lookup table behind {@link OmahaEvaluator}: for every 5-card board rank multiset and every pair
 * of hole-card ranks, the best non-flush value of the pair with three of the board's cards.
 *
 * <h2>Layout</h2>
 * A board's ranks (6,175 multisets of 5 ranks, none 5 times) are numbered by {@link #BOARD_ROW}, indexed by
 * the board's dense index in {@link EvalTables#NON_FLUSH} ({@code LOW_BASE[lowKey] + HIGH_INDEX[highKey]} of
 * the board's key sum, which is distinct for distinct rank multisets). A pair of hole ranks (91 of them, equal
 * ranks included) is numbered by {@link #PAIR_INDEX}{@code [rank1 * 13 + rank2]} (symmetric). The value of a
 * pair on a board is {@link #BEST}{@code [row * 91 + pair]}: the 91 values of one board are contiguous, so
 * the six pairs of one Omaha hand read at most four cache lines. A pair and board that no deck can deal
 * together (a rank 5 times in the chosen five) is skipped; when no choice of three is possible the entry is 0.
 * About 1.1 MB for {@link #BEST}.
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
    /** Board row by the board's dense non-flush index. */
    static final char[] BOARD_ROW = new char[EvalTables.NON_FLUSH.length];
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
        int row = 0;
        int[] board = new int[5];
        int[] count = new int[13];
        for (board[0] = 0; board[0] < 13; board[0]++) {
            for (board[1] = board[0]; board[1] < 13; board[1]++) {
                for (board[2] = board[1]; board[2] < 13; board[2]++) {
                    for (board[3] = board[2]; board[3] < 13; board[3]++) {
                        for (board[4] = board[3]; board[4] < 13; board[4]++) {
                            if (board[0] == board[4]) {
                                continue; // five of one rank
                            }
                            BOARD_ROW[denseIndex(rankKey(board[0]) + rankKey(board[1]) + rankKey(board[2])
                                    + rankKey(board[3]) + rankKey(board[4]))] = (char) row;
                            for (int p = 0; p < PAIRS; p++) {
                                BEST[row * PAIRS + p] = (char) bestWithPair(board, pairLow[p], pairHigh[p], count);
                            }
                            row++;
                        }
                    }
                }
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
        return PAIR_INDEX.length * 2L + BOARD_ROW.length * 2L + BEST.length * 2L;
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
