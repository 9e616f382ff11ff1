package dev.poker.load.bot;

import dev.poker.protocol.ServerMessage.YourTurn;
import java.util.Random;

/**
 * A loose, mostly passive player driven by a seeded {@link Random}: it mostly checks or calls, sometimes
 * bets or raises an amount between the minimum and the maximum (biased strongly toward small sizes: mostly
 * at most a pot over the minimum when the pot is known, with a rare all-in; re-raises get rarer as the bet
 * grows), and occasionally folds when facing a bet. It never folds when it can check and only
 * ever returns legal decisions.
 *
 * <p>Concurrency: not thread-safe (the Random); one instance per bot.
 */
public final class SimpleStrategy implements Strategy {
    private final Random random;
    private final double foldToBet;
    private final double aggression;
    private final double allIn;

    /** Folds to a bet 12% of the time, bets 15% (raises less, see {@link #escalation}), one in fifty all-in. */
    public SimpleStrategy(long seed) {
        this(seed, 0.12, 0.15, 0.02);
    }

    /**
     * @param foldToBet  probability of folding when there is a bet to call
     * @param aggression probability of betting or raising when allowed
     * @param allIn      probability that an aggressive action is an all-in
     */
    public SimpleStrategy(long seed, double foldToBet, double aggression, double allIn) {
        if (!(foldToBet >= 0 && foldToBet <= 1 && aggression >= 0 && aggression <= 1 && allIn >= 0 && allIn <= 1)) {
            throw new IllegalArgumentException("probabilities must be within [0, 1]");
        }
        this.random = new Random(seed);
        this.foldToBet = foldToBet;
        this.aggression = aggression;
        this.allIn = allIn;
    }

    @Override
    public Decision decide(YourTurn turn, TableKnowledge table) {
        var actions = turn.actions();
        if (actions == null || actions.isEmpty()) {
            return Decision.fold();
        }
        boolean facingBet = !actions.contains("check");
        String aggressive = Strategy.canBetOrRaise(turn, "bet") ? "bet"
                : Strategy.canBetOrRaise(turn, "raise") ? "raise" : null;

        double r = random.nextDouble();
        if (facingBet && actions.contains("fold") && r < foldToBet) {
            return Decision.fold();
        }
        if (random.nextDouble() < aggression * escalation(facingBet, table)) {
            if (actions.contains("all_in") && random.nextDouble() < allIn) {
                return Decision.allIn();
            }
            if (aggressive != null) {
                long pot = table == null ? 0 : table.pot();
                // mostly up to a pot-sized raise over the minimum; now and then anything up to all-in
                long cap = pot > 0 && random.nextDouble() >= 0.05 ? pot : Long.MAX_VALUE;
                return new Decision(aggressive, sizeTo(turn.minTo(), turn.maxTo(), cap));
            }
        }
        Decision passive = Strategy.passive(turn);
        return passive != null ? passive : Decision.fold();
    }

    /**
     * Damps re-raising so that pots do not escalate: 1 when nothing (or a big blind) is to be called,
     * then 2 big blinds / current bet (a raise to 6 big blinds is re-raised a third as often); 1/2 when
     * facing a bet at an unknown table.
     */
    static double escalation(boolean facingBet, TableKnowledge table) {
        if (!facingBet) {
            return 1;
        }
        if (table == null || table.bigBlind() <= 0 || table.currentBet() <= 0) {
            return 0.5;
        }
        return Math.min(1.0, 2.0 * table.bigBlind() / table.currentBet());
    }

    /**
     * A "to" amount in [minTo, maxTo], mostly near the minimum: min + min(max - min, cap) * u^4 with u
     * uniform in [0, 1).
     */
    long sizeTo(long minTo, long maxTo, long cap) {
        double u = random.nextDouble();
        double span = (double) Math.min(maxTo - minTo, Math.max(0, cap));
        long to = minTo + (long) Math.floor(span * u * u * u * u);
        return Math.max(minTo, Math.min(maxTo, to));
    }
}
