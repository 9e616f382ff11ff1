package dev.poker.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's heartbeat every {@code interval} on its own thread, with the load read from
 * {@code info} each time. A failed heartbeat (Redis down) is logged once and retried at the next
 * tick; the node keeps running. {@link #close()} stops the thread and removes the node from the
 * membership (best effort), so a node that shuts down cleanly gets no new tables at once.
 *
 * <p>Concurrency: thread-safe; {@code info} is called on the heartbeat thread only.
 */
public final class NodeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final Membership membership;
    private final Supplier<NodeInfo> info;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;
    private volatile String nodeId;

    public NodeHeartbeat(Membership membership, Supplier<NodeInfo> info, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.membership = Objects.requireNonNull(membership);
        this.info = Objects.requireNonNull(info);
        this.interval = interval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poker-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends the first heartbeat now (on the heartbeat thread), then one every interval. */
    public NodeHeartbeat start() {
        thread.scheduleWithFixedDelay(this::beat, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    private void beat() {
        try {
            NodeInfo node = info.get();
            nodeId = node.nodeId();
            membership.heartbeat(node);
            if (failing) {
                LOG.info("heartbeat of {} succeeds again", node.nodeId());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("heartbeat failed; retrying every {} ms: {}", interval.toMillis(), e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = nodeId;
        if (id != null) {
            try {
                membership.leave(id);
            } catch (RuntimeException e) {
                // the heartbeat key expires by itself
            }
        }
    }
}
