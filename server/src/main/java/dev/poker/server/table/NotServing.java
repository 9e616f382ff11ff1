package dev.poker.server.table;

/**
 * A table of this node that does not serve players now, for {@code /health}: {@code state} is
 * {@code paused} (its store is unavailable; it resumes by itself) or {@code stopped} (it diverged from its
 * log and is being reloaded, its reload failed, or it hit an internal error), with the reason and since
 * when (epoch ms).
 */
public record NotServing(String tableId, String state, String reason, long sinceMs) {}
