package dev.poker.registry;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The registry of a standalone node: leases never expire, and the epoch still grows on every change
 * of owner so the fencing rules are the same as in a cluster.
 *
 * <p>Concurrency: thread-safe; each table's lease changes atomically through {@link ConcurrentHashMap#compute}.
 */
public final class InProcessTableRegistry implements TableRegistry {
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> epochs = new ConcurrentHashMap<>();

    @Override
    public Optional<Lease> claim(String tableId, String nodeId) {
        Lease lease = leases.compute(tableId, (id, current) -> {
            if (current != null) {
                return current;
            }
            long epoch = epochs.merge(id, 1L, Long::sum);
            return new Lease(id, nodeId, epoch);
        });
        return lease.nodeId().equals(nodeId) ? Optional.of(lease) : Optional.empty();
    }

    /** Starts epochs of a table above {@code epoch}, for a node that recovers tables from a log. */
    public void seedEpoch(String tableId, long epoch) {
        epochs.merge(tableId, epoch, Math::max);
    }

    @Override
    public Optional<Lease> owner(String tableId) {
        return Optional.ofNullable(leases.get(tableId));
    }

    @Override
    public void release(String tableId, String nodeId) {
        leases.computeIfPresent(tableId, (id, current) -> current.nodeId().equals(nodeId) ? null : current);
    }

    @Override
    public Set<String> tablesOf(String nodeId) {
        return leases.values().stream().filter(l -> l.nodeId().equals(nodeId)).map(Lease::tableId)
                .collect(Collectors.toUnmodifiableSet());
    }
}
