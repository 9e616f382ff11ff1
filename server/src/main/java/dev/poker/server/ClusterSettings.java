package dev.poker.server;

/**
 * How a node takes part in a cluster. See README.md ("Running a cluster") for each setting.
 *
 * @param redisUrl Redis of the cluster; empty for a standalone node
 * @param advertiseAddress host:port this node is reached at, announced in its heartbeat
 * @param leaseTtlMs lifetime of a table lease; a dead node's tables can move after at most this
 * @param heartbeatTtlMs a node whose heartbeat is older than this is dead
 * @param forwardTimeoutMs how long a command forwarded to a table's owner waits for the answer
 * @param drainDeadlineMs on drain, tables still in a hand after this are handed over at once
 * @param adminToken bearer token of the admin endpoints; empty refuses them
 */
public record ClusterSettings(String redisUrl, String advertiseAddress, long leaseTtlMs, long heartbeatTtlMs,
        long forwardTimeoutMs, long drainDeadlineMs, String adminToken, long outageClockHoldMs) {

    public ClusterSettings(String redisUrl, String advertiseAddress, long leaseTtlMs, long heartbeatTtlMs,
            long forwardTimeoutMs, long drainDeadlineMs, String adminToken) {
        this(redisUrl, advertiseAddress, leaseTtlMs, heartbeatTtlMs, forwardTimeoutMs, drainDeadlineMs, adminToken,
                60_000);
    }
}
