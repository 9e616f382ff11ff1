package dev.poker.registry;

import java.util.List;
import java.util.Optional;

/**
 * Chooses the node a new table goes to. Policies see the live nodes only (from
 * {@link Membership#live()}); a policy that places by region or by stakes filters or orders them.
 *
 * <p>Concurrency: implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface PlacementPolicy {

    /** The id of the chosen node, or empty when no live node may take a table. */
    Optional<String> choose(List<NodeInfo> live);
}
