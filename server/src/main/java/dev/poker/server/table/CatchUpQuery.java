package dev.poker.server.table;

/**
 * A viewer asks to follow a table: what {@code account} missed after {@code lastSeq} (null: a
 * snapshot), with the ack of {@code requestId} (if not null); {@code joining}: a new connection of the
 * account starts watching.
 */
public record CatchUpQuery(String account, Long lastSeq, String requestId, boolean joining) {}
