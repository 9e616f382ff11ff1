package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A table as the lobby lists it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSummary(String id, String name, int seats, int players, long smallBlind, long bigBlind, long ante,
        long minBuyIn, long maxBuyIn, long handsPlayed) {}
