package dev.poker.registry;

import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small text value per node that expires unless the node writes it again, for cluster-wide views
 * each node contributes to (the lobby: every node posts its own tables). Keys:
 * {@code <namespace>:board:<name>:<node>}.
 *
 * <p>Concurrency: thread-safe.
 */
public final class RedisNodeBoard {
    private final RedisConnections redis;
    private final String prefix;

    public RedisNodeBoard(RedisConnections redis, String namespace, String name) {
        this.redis = redis;
        this.prefix = namespace + ":board:" + name + ":";
    }

    /**
     * Posts this node's value for {@code ttl}.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    public void post(String nodeId, String value, Duration ttl) {
        try {
            redis.commands().sync().psetex(prefix + nodeId, ttl.toMillis(), value);
        } catch (RuntimeException e) {
            throw RedisConnections.translate("posting to " + prefix, e);
        }
    }

    /**
     * The current values of these nodes (nodes without one are absent).
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    public Map<String, String> read(List<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return Map.of();
        }
        try {
            List<KeyValue<String, String>> kv = redis.commands().sync()
                    .mget(nodeIds.stream().map(n -> prefix + n).toArray(String[]::new));
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < nodeIds.size(); i++) {
                if (kv.get(i).hasValue()) {
                    out.put(nodeIds.get(i), kv.get(i).getValue());
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw RedisConnections.translate("reading " + prefix, e);
        }
    }
}
