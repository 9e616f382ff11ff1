package dev.poker.server;

/**
 * Everything a node is configured with. See README.md ("Configuration") for each setting's flag,
 * environment variable and default; {@link NodeConfigParser} reads them.
 *
 * @param host address to listen on
 * @param port HTTP and WebSocket port (0 = any free port)
 * @param nodeId this node's id in the cluster (and in /health)
 * @param tokenSecret HMAC secret for session tokens; nodes of one cluster share it
 * @param tokenLifetimeSeconds how long a session token resumes an account
 * @param guestBalance play-money balance of a new guest account
 * @param maxFrameBytes largest WebSocket frame accepted; larger ones close the connection (1009)
 * @param messagesPerSecond sustained messages per connection
 * @param messageBurst burst allowance above the sustained rate
 * @param abuseLimit rate-limited messages within 10 s that close the connection (1008)
 * @param writeHighWaterMark outbound bytes queued for a connection before it counts as a slow reader
 * @param slowReaderGraceMs how long a connection may stay over the high-water mark before it is closed
 * @param handDelayMs pause between hands
 * @param sitOutRemoveMs a player sitting out this long leaves the table, chips back to the balance
 * @param maxConnections connections accepted at once; above it new WebSocket handshakes get 503
 * @param maxTables tables this node runs at once
 * @param revealDecks whether hand_ended reveals deck and salt to clients (also reveals mucked hands)
 * @param dbUrl JDBC URL of the audit log; empty for the embedded default
 * @param dbUser database user
 * @param dbPassword database password
 * @param dataDir directory of the embedded database
 * @param unsafeDurability start on a database that does not flush commits (fsync off) and keep its
 *     commit settings: acknowledged actions may be lost in a crash (throwaway setups only)
 * @param cluster cluster settings (Redis, leases, drain)
 */
public record NodeConfig(
        String host,
        int port,
        String nodeId,
        String tokenSecret,
        long tokenLifetimeSeconds,
        long guestBalance,
        int maxFrameBytes,
        int messagesPerSecond,
        int messageBurst,
        int abuseLimit,
        int writeHighWaterMark,
        long slowReaderGraceMs,
        long handDelayMs,
        long sitOutRemoveMs,
        int maxConnections,
        int maxTables,
        boolean revealDecks,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String dataDir,
        boolean unsafeDurability,
        ClusterSettings cluster) {

    /** Whether this node is one of a cluster (it has a Redis to coordinate through). */
    public boolean clustered() {
        return !cluster.redisUrl().isEmpty();
    }
}
