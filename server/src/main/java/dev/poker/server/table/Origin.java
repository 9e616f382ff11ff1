package dev.poker.server.table;

/**
 * A client connection anywhere in the cluster: the node that holds it and the connection's number
 * there. An ack travels to its requester inside the table's batch stream addressed by this value.
 */
public record Origin(String node, long connection) {}
