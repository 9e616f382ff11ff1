package dev.poker.engine;

/**
 * A time bank that refills: every {@code everyHands} hands the table plays, each seated player's time bank
 * grows by {@code addMs}, up to {@code capMs}: the refill comes before hands 1 + k * everyHands (k >= 1),
 * as {@link TableEvent.TimeBankRefilled} events. {@link #NONE} never refills.
 *
 * <p>Concurrency: immutable.
 *
 * @param addMs milliseconds added, at least 0
 * @param everyHands after how many hands the table played; at least 1 when {@code addMs > 0}
 * @param capMs the largest time bank a refill may reach, at least {@code addMs}
 */
public record TimeBankRefill(long addMs, int everyHands, long capMs) {

    /** No refill. */
    public static final TimeBankRefill NONE = new TimeBankRefill(0, 0, 0);

    public TimeBankRefill {
        if (addMs < 0 || everyHands < 0 || capMs < 0) {
            throw new IllegalArgumentException("time bank refill values must not be negative");
        }
        if (addMs > 0 && (everyHands < 1 || capMs < addMs)) {
            throw new IllegalArgumentException("a time bank refill needs every_hands >= 1 and a cap >= the seconds "
                    + "added, got every " + everyHands + " hands and cap " + capMs + " ms for " + addMs + " ms");
        }
        if (addMs == 0) {
            everyHands = 0;
            capMs = 0;
        }
    }

    /** Whether the refill is due when hand {@code handNumber} starts (hands 1, 2, ... of the table). */
    public boolean dueAt(long handNumber) {
        return addMs > 0 && handNumber > 1 && (handNumber - 1) % everyHands == 0;
    }

    /** How many milliseconds a time bank of {@code current} gains from a refill (0 at or above the cap). */
    public long gainFor(long current) {
        return Math.max(0, Math.min(addMs, capMs - current));
    }
}
