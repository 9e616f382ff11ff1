package dev.poker.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's table leases alive: renews them every {@code renewEvery} on its own thread and
 * calls {@link Listener#onLost} exactly once for each lease that
 * <ol>
 *   <li>Redis says this node no longer holds (the renewal script failed: it expired or another node
 *   took it), or
 *   <li>was not renewed successfully before its <em>local deadline</em>: the time the last successful
 *   claim or renewal was <em>sent</em> + TTL − safety margin, for example because Redis is unreachable.
 * </ol>
 * The listener must stop the table (no more writes, no more actions) before it returns or very soon
 * after; the lease is forgotten, so the table has to be claimed again (with a new epoch) to run here.
 *
 * <p><b>Why the node stops before another node can take the table.</b> Let {@code s} be the local
 * time the last successful claim/renewal of a lease was sent, {@code T} the lease TTL, {@code M} the
 * safety margin, {@code K} the tick of this thread and {@code C} the Redis command timeout.
 * <ul>
 *   <li>Redis runs the script at some time {@code e ≥ s} and sets the lease to expire at
 *   {@code e + T ≥ s + T}. Another node can acquire the lease only after it expired or was released
 *   (the claim script refuses otherwise), so never before {@code s + T}.
 *   <li>This thread checks deadlines every {@code K} and after every renewal attempt; an attempt blocks
 *   at most {@code C} (plus the 10 ms tick of the timer that enforces it). So {@code onLost} is called by {@code s + T − M + K + C} at the latest.
 *   <li>Hence the node has {@code M − K − C} (defaults: 2 s − 0.1 s − 0.5 s = 1.4 s) to stop the
 *   table before any other node can even acquire the lease. The constructor rejects configurations
 *   with {@code M ≤ K + C}.
 *   <li>A healthy node never trips its own deadline: it renews every {@code R = renewEvery}, and
 *   {@code R + C + K < T − M} is required (defaults: 2 + 0.5 + 0.1 &lt; 4 s). After a failed attempt
 *   it retries every tick, so short Redis hiccups are survived.
 * </ul>
 * Assumptions: the local monotonic clock and Redis's clock advance at nearly the same rate (drift over
 * {@code T} is far below {@code M}), Redis's clock does not jump forward, and this JVM is not paused
 * for longer than {@code M − K − C} at the wrong moment. The persistence layer's epoch fence is the
 * backstop when an assumption fails: a stopped-too-late copy writes with an older epoch and is refused.
 *
 * <p>Consequence for Redis outages: tables keep running through outages shorter than about
 * {@code T − M − (time since the last renewal)} (2–4 s with the defaults); after that the node stops
 * them, and must claim them again (new epoch) when Redis is back.
 *
 * <p>Concurrency: one daemon thread per keeper runs renewals, deadline checks and the listener calls,
 * so {@code onLost} is never called concurrently; {@link #start} and {@link #close} may be called from
 * any thread. The registry's lease book is shared safely with concurrent claims and releases.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(100);

    /** Receives lost leases, on the keeper's thread. */
    @FunctionalInterface
    public interface Listener {
        /** The lease of {@code tableId} is gone or about to go: stop the table now. */
        void onLost(String tableId);
    }

    /** What the keeper needs from a registry; {@link RedisTableRegistry} in production. */
    interface Leases {
        Set<String> renewAll(String nodeId);

        Set<String> dropOverdue(String nodeId, long marginNanos);
    }

    private final Leases leases;
    private final String nodeId;
    private final long renewEveryNanos;
    private final long marginNanos;
    private final long tickNanos;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean failing;
    private long nextRenewAt;

    /** Renews every TTL / 3 with a safety margin of TTL / 3 (2 s and 2 s for the default 6 s TTL). */
    public LeaseKeeper(RedisTableRegistry registry, String nodeId, Listener listener) {
        this(registry, nodeId, registry.leaseTtl().dividedBy(3), registry.leaseTtl().dividedBy(3), listener);
    }

    public LeaseKeeper(RedisTableRegistry registry, String nodeId, Duration renewEvery, Duration safetyMargin,
            Listener listener) {
        this(adapter(registry), registry.leaseTtl(), registry.commandTimeout(), nodeId, renewEvery, safetyMargin,
                DEFAULT_TICK, listener);
    }

    LeaseKeeper(Leases leases, Duration ttl, Duration commandTimeout, String nodeId, Duration renewEvery,
            Duration safetyMargin, Duration tick, Listener listener) {
        this.leases = Objects.requireNonNull(leases);
        this.nodeId = Objects.requireNonNull(nodeId);
        this.listener = Objects.requireNonNull(listener);
        this.renewEveryNanos = renewEvery.toNanos();
        this.marginNanos = safetyMargin.toNanos();
        this.tickNanos = tick.toNanos();
        long ttlNanos = ttl.toNanos();
        long c = commandTimeout.toNanos();
        if (renewEveryNanos <= 0 || tickNanos <= 0) {
            throw new IllegalArgumentException("renewEvery and tick must be positive");
        }
        if (marginNanos <= tickNanos + c) {
            throw new IllegalArgumentException("safety margin " + safetyMargin + " must exceed tick " + tick
                    + " + command timeout " + commandTimeout);
        }
        if (renewEveryNanos + c + tickNanos >= ttlNanos - marginNanos) {
            throw new IllegalArgumentException("renewEvery " + renewEvery + " + command timeout " + commandTimeout
                    + " + tick " + tick + " must be below ttl " + ttl + " - safety margin " + safetyMargin);
        }
        this.thread = new Thread(this::loop, "poker-lease-keeper-" + nodeId);
        this.thread.setDaemon(true);
    }

    private static Leases adapter(RedisTableRegistry registry) {
        return new Leases() {
            @Override
            public Set<String> renewAll(String nodeId) {
                return registry.renewAll(nodeId);
            }

            @Override
            public Set<String> dropOverdue(String nodeId, long marginNanos) {
                return registry.dropOverdue(nodeId, marginNanos);
            }
        };
    }

    public LeaseKeeper start() {
        running = true;
        nextRenewAt = System.nanoTime() + renewEveryNanos;
        thread.start();
        return this;
    }

    /** False while renewals fail because Redis is unreachable. */
    public boolean renewing() {
        return !failing;
    }

    private void loop() {
        while (running) {
            runOnce(System.nanoTime());
            LockSupport.parkNanos(tickNanos);
        }
    }

    /** One tick: deadlines, a renewal when due, deadlines again. */
    void runOnce(long now) {
        expireOverdue();
        if (now - nextRenewAt >= 0) {
            try {
                Set<String> lost = leases.renewAll(nodeId);
                nextRenewAt = now + renewEveryNanos;
                if (failing) {
                    LOG.info("lease renewals of {} succeed again", nodeId);
                }
                failing = false;
                for (String table : lost) {
                    LOG.warn("lease of table {} lost (held elsewhere or expired)", table);
                    fire(table);
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("lease renewal of {} failed, retrying every {} ms until the deadlines: {}", nodeId,
                            TimeUnit.NANOSECONDS.toMillis(tickNanos), e.getMessage());
                }
                failing = true;
                nextRenewAt = now; // retry at the next tick
            }
            expireOverdue();
        }
    }

    private void expireOverdue() {
        for (String table : leases.dropOverdue(nodeId, marginNanos)) {
            LOG.warn("lease of table {} not renewed before its deadline: reporting it lost", table);
            fire(table);
        }
    }

    private void fire(String table) {
        try {
            listener.onLost(table);
        } catch (RuntimeException e) {
            LOG.error("onLost({}) failed", table, e);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
