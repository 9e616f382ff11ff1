package dev.poker.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Places a table on the non-draining node with the fewest tables, then the fewest connections, then
 * the smallest node id (so the choice is deterministic).
 *
 * <p>Concurrency: stateless; thread-safe.
 */
public final class LeastLoadedPlacement implements PlacementPolicy {
    public static final LeastLoadedPlacement INSTANCE = new LeastLoadedPlacement();

    private static final Comparator<NodeInfo> ORDER = Comparator.comparingInt(NodeInfo::tables)
            .thenComparingInt(NodeInfo::connections).thenComparing(NodeInfo::nodeId);

    @Override
    public Optional<String> choose(List<NodeInfo> live) {
        return live.stream().filter(n -> !n.draining()).min(ORDER).map(NodeInfo::nodeId);
    }
}
