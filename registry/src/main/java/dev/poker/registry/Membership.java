package dev.poker.registry;

import java.util.List;

/**
 * Which nodes are alive. Each node calls {@link #heartbeat} periodically (see {@link NodeHeartbeat});
 * a node whose heartbeat is older than the membership's TTL is dead.
 *
 * <p>Implementations: {@link RedisMembership} for a cluster and {@link InProcessMembership} for a
 * standalone node. Reads and writes of the Redis implementation throw
 * {@link RegistryUnavailableException} while Redis is down.
 *
 * <p>Concurrency: implementations are thread-safe.
 */
public interface Membership {

    /** Announces (or refreshes) a node; it stays live for the membership's TTL. */
    void heartbeat(NodeInfo node);

    /** The live nodes, by node id. */
    List<NodeInfo> live();

    /** Whether the node's last heartbeat is younger than the TTL. */
    boolean isLive(String nodeId);

    /** Forgets a node at once (graceful shutdown); no effect when it is not live. */
    void leave(String nodeId);
}
