package dev.poker.protocol;

import java.util.List;

/** Answers of the hand-history HTTP API. */
public final class HandHistory {
    private HandHistory() {}

    /** {@code GET /api/players/{id}/hands}: a player's recent hands, newest first. */
    public record PlayerHands(String account, List<Entry> hands) {}

    /**
     * One hand of a player: where they sat, their net result, the pot, and the table's game
     * ({@code no_limit_holdem} or {@code pot_limit_omaha}; null, left out, when the table is no longer known).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Entry(String hand, String table, long number, long endedAt, int seat, long net, long pot,
            String game) {}
}
