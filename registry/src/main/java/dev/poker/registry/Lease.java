package dev.poker.registry;

/**
 * Ownership of one table by one node. {@code epoch} grows every time ownership changes hands; it is
 * the fencing token every write to the audit log carries.
 *
 * <p>Concurrency: immutable.
 */
public record Lease(String tableId, String nodeId, long epoch) {}
