package dev.poker.server.account;

/** A player account: id, display name and play-money balance at the time it was read. */
public record Account(String id, String name, long balance) {}
