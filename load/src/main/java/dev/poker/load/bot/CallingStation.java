package dev.poker.load.bot;

import dev.poker.protocol.ServerMessage.YourTurn;

/**
 * Never folds, never raises: checks when it can, otherwise calls. The cheapest strategy to run and the
 * one that keeps the most players in every hand (long hands, many actions).
 *
 * <p>Concurrency: stateless; one instance may serve every bot.
 */
public final class CallingStation implements Strategy {
    public static final CallingStation INSTANCE = new CallingStation();

    @Override
    public Decision decide(YourTurn turn, TableKnowledge table) {
        Decision d = Strategy.passive(turn);
        return d != null ? d : Decision.fold();
    }
}
