package dev.poker.server.cluster;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.registry.RedisConnections;
import dev.poker.registry.RedisFanout;
import dev.poker.registry.TableRegistry;
import dev.poker.server.NodeParts;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.trace.Tracing;

/**
 * A cluster node's way to the other nodes: the bus (its own Redis connection, since a connection has
 * one pub/sub subscriber), requests over it, and where tables are looked up (the registry's leases,
 * the catalog). Opened before the parts that route through it, so the node is wired without cycles;
 * the bus starts listening when the node joins the cluster.
 *
 * <p>Concurrency: thread-safe; {@link #close} is called once.
 */
public final class ClusterLink implements AutoCloseable {
    private final RedisConnections redis;
    private final RedisFanout<String> fanout;
    private final NodeBus bus;
    private final BusRequests requests;
    private final TableRegistry registry;
    private final TableCatalog catalog;
    private final Tracing tracing;

    private ClusterLink(RedisConnections redis, RedisFanout<String> fanout, NodeBus bus, BusRequests requests,
            TableRegistry registry, TableCatalog catalog, Tracing tracing) {
        this.tracing = tracing;
        this.redis = redis;
        this.fanout = fanout;
        this.bus = bus;
        this.requests = requests;
        this.registry = registry;
        this.catalog = catalog;
    }

    /** Connects the bus of a cluster node; its requests across nodes are traced with {@code tracing}. */
    public static ClusterLink open(NodeParts parts, ProtocolCodec codec, Tracing tracing) {
        var settings = parts.config().cluster();
        RedisConnections redis = RedisConnections.connect(settings.redisUrl(), NodeParts.REDIS_COMMAND_TIMEOUT);
        RedisFanout<String> fanout = new RedisFanout<>(redis, "poker:bus", s -> s, s -> s, 2);
        NodeBus bus = new NodeBus(fanout, parts.config().nodeId(), new BusCodec(codec, new BatchCodec(codec)));
        BusRequests requests = new BusRequests(parts.config().nodeId(), bus, parts.scheduler(),
                settings.forwardTimeoutMs());
        return new ClusterLink(redis, fanout, bus, requests, parts.registry(), parts.catalog(), tracing);
    }

    NodeBus bus() {
        return bus;
    }

    BusRequests requests() {
        return requests;
    }

    TableRegistry registry() {
        return registry;
    }

    TableCatalog catalog() {
        return catalog;
    }

    Tracing tracing() {
        return tracing;
    }

    @Override
    public void close() {
        bus.close();
        fanout.close();
        redis.close();
    }
}
