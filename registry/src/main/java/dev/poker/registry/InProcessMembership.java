package dev.poker.registry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Membership inside one process (a standalone node, tests): a heartbeat keeps its node live for the
 * TTL, measured on a monotonic clock.
 *
 * <p>Concurrency: thread-safe; each node's entry is replaced atomically in a {@link ConcurrentHashMap}.
 */
public final class InProcessMembership implements Membership {
    private record Entry(NodeInfo info, long expiresAtNanos) {}

    private final ConcurrentHashMap<String, Entry> nodes = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    public InProcessMembership(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    InProcessMembership(Duration ttl, LongSupplier nanoClock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public void heartbeat(NodeInfo node) {
        nodes.put(node.nodeId(), new Entry(node, nanoClock.getAsLong() + ttlNanos));
    }

    @Override
    public List<NodeInfo> live() {
        long now = nanoClock.getAsLong();
        nodes.values().removeIf(e -> now - e.expiresAtNanos >= 0);
        return nodes.values().stream().filter(e -> now - e.expiresAtNanos < 0).map(Entry::info)
                .sorted(Comparator.comparing(NodeInfo::nodeId)).toList();
    }

    @Override
    public boolean isLive(String nodeId) {
        Entry e = nodes.get(nodeId);
        return e != null && nanoClock.getAsLong() - e.expiresAtNanos < 0;
    }

    @Override
    public void leave(String nodeId) {
        nodes.remove(nodeId);
    }
}
