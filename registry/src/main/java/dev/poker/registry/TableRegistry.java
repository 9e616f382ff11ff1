package dev.poker.registry;

import java.util.Optional;
import java.util.Set;

/**
 * Which node owns which table. A node may run a table only while it holds the table's lease.
 * Implementations: {@link InProcessTableRegistry} (one node owns everything) and, for a cluster,
 * {@link RedisTableRegistry} with expiring leases (its operations throw
 * {@link RegistryUnavailableException}, retryable, while Redis is down).
 *
 * <p>Concurrency: implementations are thread-safe.
 */
public interface TableRegistry {

    /**
     * Takes ownership of a table that has no live owner, or renews this node's own lease.
     *
     * @return the lease, or empty when another node holds it
     */
    Optional<Lease> claim(String tableId, String nodeId);

    /** The current owner of a table, if any. */
    Optional<Lease> owner(String tableId);

    /** Gives up a lease this node holds (for example on drain); no effect otherwise. */
    void release(String tableId, String nodeId);

    /** Tables whose lease this node holds. */
    Set<String> tablesOf(String nodeId);
}
