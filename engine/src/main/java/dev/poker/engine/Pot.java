package dev.poker.engine;

import java.util.List;

/** A pot: its chips and the seats that can win it, main pot first. */
public record Pot(long amount, List<Integer> eligible) {}
