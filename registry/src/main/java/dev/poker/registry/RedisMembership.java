package dev.poker.registry;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Membership in Redis. Each node's heartbeat is the key {@code poker:node:<id>}, value
 * {@code address|tables|connections|draining|updatedAtMillis}, written with {@code SET ... PX ttl}: the
 * node is live exactly while the key exists, so Redis's expiry is the failure detector. The heartbeat
 * also adds the id to the set {@code poker:nodes}, which {@link #live()} reads (SMEMBERS + MGET, O(number
 * of nodes) rather than a SCAN of the whole key space, which holds two keys per table); ids whose key
 * expired are removed from the set by a script that checks again that the key is still missing, so a
 * node that heartbeats concurrently is never dropped.
 *
 * <p>Concurrency: thread-safe; every operation is one or two Redis round trips on the shared connection.
 */
public final class RedisMembership implements Membership {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);

    /** KEYS: node key, nodes set. ARGV: value, ttl ms, node id. */
    private static final LuaScript HEARTBEAT = new LuaScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            return 1
            """);
    /** KEYS: node key, nodes set. ARGV: node id. Removes the id only if the heartbeat is gone. */
    private static final LuaScript PRUNE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return redis.call('SREM', KEYS[2], ARGV[1])
            end
            return 0
            """);
    /** KEYS: node key, nodes set. ARGV: node id. */
    private static final LuaScript LEAVE = new LuaScript("""
            redis.call('SREM', KEYS[2], ARGV[1])
            return redis.call('DEL', KEYS[1])
            """);

    private final RedisConnections redis;
    private final Keys keys;
    private final Duration ttl;

    public RedisMembership(RedisConnections redis) {
        this(redis, DEFAULT_TTL, Keys.DEFAULT_NAMESPACE);
    }

    /**
     * @param ttl       how long a heartbeat keeps its node live; heartbeat about every ttl / 3
     * @param namespace prefix of every key ({@code poker} by default)
     */
    public RedisMembership(RedisConnections redis, Duration ttl, String namespace) {
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms");
        }
        this.redis = redis;
        this.ttl = ttl;
        this.keys = new Keys(namespace);
    }

    private RedisCommands<String, String> sync() {
        return redis.commands().sync();
    }

    @Override
    public void heartbeat(NodeInfo node) {
        try {
            HEARTBEAT.run(sync(), ScriptOutputType.INTEGER, new String[] {keys.node(node.nodeId()), keys.nodes()},
                    node.encode(), Long.toString(ttl.toMillis()), node.nodeId());
        } catch (RuntimeException e) {
            throw RedisConnections.translate("heartbeat of " + node.nodeId(), e);
        }
    }

    @Override
    public List<NodeInfo> live() {
        try {
            Set<String> ids = sync().smembers(keys.nodes());
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> idList = new ArrayList<>(ids);
            String[] nodeKeys = idList.stream().map(keys::node).toArray(String[]::new);
            List<KeyValue<String, String>> values = sync().mget(nodeKeys);
            List<NodeInfo> out = new ArrayList<>(idList.size());
            for (int i = 0; i < idList.size(); i++) {
                String id = idList.get(i);
                KeyValue<String, String> kv = values.get(i);
                if (kv.hasValue()) {
                    try {
                        out.add(NodeInfo.decode(id, kv.getValue()));
                    } catch (IllegalArgumentException e) {
                        // a node of a different version: not placeable, ignore it
                    }
                } else {
                    PRUNE.run(sync(), ScriptOutputType.INTEGER, new String[] {keys.node(id), keys.nodes()}, id);
                }
            }
            out.sort(Comparator.comparing(NodeInfo::nodeId));
            return List.copyOf(out);
        } catch (RuntimeException e) {
            throw RedisConnections.translate("reading the live nodes", e);
        }
    }

    @Override
    public boolean isLive(String nodeId) {
        try {
            return sync().exists(keys.node(nodeId)) > 0;
        } catch (RuntimeException e) {
            throw RedisConnections.translate("checking node " + nodeId, e);
        }
    }

    @Override
    public void leave(String nodeId) {
        try {
            LEAVE.run(sync(), ScriptOutputType.INTEGER, new String[] {keys.node(nodeId), keys.nodes()}, nodeId);
        } catch (RuntimeException e) {
            throw RedisConnections.translate("leave of " + nodeId, e);
        }
    }
}
