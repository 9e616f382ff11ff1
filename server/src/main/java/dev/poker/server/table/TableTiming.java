package dev.poker.server.table;

/** A node's table timing settings: the pause between hands and how long a player may sit out. */
public record TableTiming(long handDelayMs, long sitOutRemoveMs) {}
