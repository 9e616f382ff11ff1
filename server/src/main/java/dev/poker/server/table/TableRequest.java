package dev.poker.server.table;

import dev.poker.protocol.ClientMessage;

/**
 * A client request about one table: who sent it ({@code from} gets the answer), the account and its
 * display name, the message, when the node received it, and whether the requester's connection watches
 * the table (then its ack comes inside the batch stream, after the events; else it is answered directly).
 */
public record TableRequest(Viewer from, String account, String displayName, ClientMessage message,
        long receivedNanos, boolean watching) {}
