package dev.poker.server.cluster;

import dev.poker.server.time.Scheduler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to other nodes and their answers: each request gets an id, the answer that names it is
 * handed to whoever waits, and a request nobody answers within the forward timeout times out (the bus
 * is at most once). Also one-way messages.
 *
 * <p>Concurrency: thread-safe. Waiting requests are in a concurrent map, each answered or timed out
 * exactly once (whoever removes it from the map).
 */
final class BusRequests {
    private static final Logger log = LoggerFactory.getLogger(BusRequests.class);

    private final String nodeId;
    private final NodeBus bus;
    private final Scheduler scheduler;
    private final long timeoutMs;
    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Someone waiting for a {@link BusMessage.Reply}. */
    private record Waiting(Consumer<BusMessage.Answer> onReply, Runnable onTimeout, Scheduler.Cancellable timer) {}

    BusRequests(String nodeId, NodeBus bus, Scheduler scheduler, long timeoutMs) {
        this.nodeId = nodeId;
        this.bus = bus;
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
    }

    String nodeId() {
        return nodeId;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Sends a request to {@code node} and waits for its answer (or the timeout) without blocking. */
    void ask(String node, Function<String, BusMessage> request, Consumer<BusMessage.Answer> onReply,
            Runnable onTimeout) {
        String id = nodeId + "-" + ids.incrementAndGet();
        Scheduler.Cancellable timer = scheduler.schedule(timeoutMs, () -> {
            Waiting w = waiting.remove(id);
            if (w != null) {
                w.onTimeout().run();
            }
        });
        waiting.put(id, new Waiting(onReply, onTimeout, timer));
        try {
            bus.send(node, request.apply(id));
        } catch (RuntimeException e) {
            Waiting w = waiting.remove(id);
            if (w != null) {
                w.timer().cancel();
                w.onTimeout().run();
            }
        }
    }

    /** An answer to one of this node's requests arrived. */
    void answered(BusMessage.Reply r) {
        Waiting w = waiting.remove(r.id());
        if (w != null) {
            w.timer().cancel();
            w.onReply().accept(r.answer());
        }
    }

    /** A message that expects no answer; lost when the bus is down. */
    void tell(String node, BusMessage m) {
        try {
            bus.send(node, m);
        } catch (RuntimeException e) {
            log.debug("bus message to {} not sent: {}", node, e.toString());
        }
    }

    /** A message for every node; lost when the bus is down. */
    void broadcast(BusMessage m) {
        try {
            bus.broadcast(m);
        } catch (RuntimeException e) {
            log.debug("bus broadcast not sent: {}", e.toString());
        }
    }
}
