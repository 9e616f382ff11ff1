package dev.poker.server.cluster;

import dev.poker.registry.Fanout;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages between nodes: each node listens on its own channel ({@code node.<id>}) and on one channel
 * every node hears ({@code nodes}). Rides on a {@link Fanout} of text (Redis pub/sub in a cluster), so
 * delivery is at most once: every request that expects an answer has a timeout.
 *
 * <p>Concurrency: thread-safe; messages are handed to the listener on the fan-out's dispatch threads.
 */
final class NodeBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeBus.class);
    private static final String ALL = "nodes";

    private final Fanout<String> fanout;
    private final String nodeId;
    private final BusCodec codec;
    private volatile Fanout.Subscription own;
    private volatile Fanout.Subscription all;

    NodeBus(Fanout<String> fanout, String nodeId, BusCodec codec) {
        this.fanout = fanout;
        this.nodeId = nodeId;
        this.codec = codec;
    }

    /** Starts handing this node's messages (and those for every node) to {@code listener}; called once. */
    void listen(Consumer<BusMessage> listener) {
        Consumer<String> receive = text -> {
            BusMessage m = codec.decode(text);
            if (m == null) {
                log.warn("dropping a bus message that does not decode (or is of another version than {}): {}",
                        BusCodec.VERSION, text.length() > 200
                        ? text.substring(0, 200) + "…" : text);
                return;
            }
            listener.accept(m);
        };
        this.own = fanout.subscribe(channel(nodeId), receive);
        this.all = fanout.subscribe(ALL, receive);
    }

    void send(String nodeId, BusMessage m) {
        fanout.publish(channel(nodeId), codec.encode(m));
    }

    void broadcast(BusMessage m) {
        fanout.publish(ALL, codec.encode(m));
    }

    private static String channel(String nodeId) {
        return "node." + nodeId;
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
            all.close();
        }
    }
}
