package dev.poker.engine;

/**
 * Walking around the table clockwise.
 *
 * <p>Concurrency: stateless.
 */
final class Seats {
    private Seats() {}

    interface SeatTest {
        boolean test(int seat, SeatState s);
    }

    /** The first seat clockwise after {@code from} (exclusive, wrapping) that passes, or -1. */
    static int next(TableState t, int from, SeatTest test) {
        int n = t.seats.length;
        for (int i = 1; i <= n; i++) {
            int seat = Math.floorMod(from + i, n);
            SeatState s = t.seats[seat];
            if (s != null && test.test(seat, s)) {
                return seat;
            }
        }
        return -1;
    }

    /** Whether {@code seat} lies clockwise after {@code from} and at or before {@code to}. */
    static boolean between(int from, int seat, int to, int n) {
        int d = Math.floorMod(seat - from, n);
        return d > 0 && d <= Math.floorMod(to - from - 1, n) + 1;
    }

    static int count(TableState t, SeatTest test) {
        int c = 0;
        for (int i = 0; i < t.seats.length; i++) {
            if (t.seats[i] != null && test.test(i, t.seats[i])) {
                c++;
            }
        }
        return c;
    }
}
