package dev.poker.registry;

/**
 * Names of the Redis keys and channels of one cluster. With the default namespace {@code poker}:
 * {@code poker:lease:<table>} (holder node id, expires), {@code poker:epoch:<table>} (fencing epoch,
 * never expires), {@code poker:owned:<node>} (set of tables the node acquired, an index that may hold
 * stale entries), {@code poker:node:<node>} (heartbeat, expires), {@code poker:nodes} (set of node ids
 * that heartbeated, pruned lazily) and the channel {@code poker:table:<table>}.
 *
 * <p>The scripts touch several of these keys at once, so a single Redis (or a primary with Sentinel)
 * is assumed; Redis Cluster would need hash tags in the names.
 *
 * <p>Concurrency: immutable.
 */
final class Keys {
    static final String DEFAULT_NAMESPACE = "poker";

    private final String ns;
    private final String channelPrefix;

    Keys(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        this.ns = namespace;
        this.channelPrefix = namespace + ":table:";
    }

    String lease(String tableId) {
        return ns + ":lease:" + tableId;
    }

    String epoch(String tableId) {
        return ns + ":epoch:" + tableId;
    }

    String owned(String nodeId) {
        return ns + ":owned:" + nodeId;
    }

    String node(String nodeId) {
        return ns + ":node:" + nodeId;
    }

    String nodes() {
        return ns + ":nodes";
    }

    String channel(String tableId) {
        return channelPrefix + tableId;
    }

    /** The table of a channel of this namespace, or null for any other channel. */
    String tableOfChannel(String channel) {
        return channel != null && channel.startsWith(channelPrefix) ? channel.substring(channelPrefix.length()) : null;
    }
}
