package dev.poker.server.table;

/**
 * The ack of an accepted request, carried inside the batch that holds its events: the requester's
 * connection gets it right after those events, on whichever node it is, so an ack can never overtake
 * the events it covers.
 */
public record Receipt(Origin to, String requestId, long seq) {}
