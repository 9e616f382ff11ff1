package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A table as the lobby lists it. {@code game} is {@code no_limit_holdem} or {@code pot_limit_omaha}; null (absent)
 * from a node that predates games, which only ran hold'em.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSummary(String id, String name, int seats, int players, long smallBlind, long bigBlind, long ante,
        long minBuyIn, long maxBuyIn, long handsPlayed, String game) {

    /** A summary without a game: what a node that predates games publishes. */
    public TableSummary(String id, String name, int seats, int players, long smallBlind, long bigBlind, long ante,
            long minBuyIn, long maxBuyIn, long handsPlayed) {
        this(id, name, seats, players, smallBlind, bigBlind, ante, minBuyIn, maxBuyIn, handsPlayed, null);
    }
}
