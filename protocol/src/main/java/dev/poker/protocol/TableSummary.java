package dev.poker.protocol;

/** A table as the lobby lists it. */
public record TableSummary(String id, String name, int seats, int players, long smallBlind, long bigBlind, long ante,
        long minBuyIn, long maxBuyIn, long handsPlayed) {}
