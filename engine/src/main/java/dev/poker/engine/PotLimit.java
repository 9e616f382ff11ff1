package dev.poker.engine;

/**
 * The pot-limit cap on a bet or raise: the largest raise makes the player's bet equal to the pot after their
 * call, where the pot is every chip already put in this hand (antes, blinds, dead blinds and every bet on the
 * table, this street's included). So the largest "to" amount is
 * {@code currentBet + pot + toCall}: call first, then raise by the whole pot as it then stands. With blinds
 * 1/2 and nothing else in, the first player may raise to 2 + 3 + 2 = 7; a first bet on a later street may be
 * the pot.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class PotLimit {
    private PotLimit() {}

    /**
     * The largest "to" amount the seat may bet or raise to under the pot limit, before its stack is considered
     * (the caller caps it by the stack); never below {@code minTo}, the smallest full raise.
     */
    static long maxTo(TableState t, SeatState s, long minTo) {
        long toCall = Math.max(0, t.currentBet - s.streetBet);
        long potAfterCall = t.potTotal() + toCall;
        return Math.max(minTo, t.currentBet + potAfterCall);
    }
}
