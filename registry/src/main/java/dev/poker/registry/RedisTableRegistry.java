package dev.poker.registry;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table ownership in Redis with expiring, fenced leases.
 *
 * <p>Keys (namespace {@code poker}): {@code poker:lease:<table>} holds the holder's node id and expires
 * after the lease TTL ({@link #DEFAULT_LEASE_TTL}, 6 s) unless renewed; {@code poker:epoch:<table>} is
 * the table's fencing epoch, which never expires and only grows; {@code poker:owned:<node>} is the set
 * of tables a node acquired (an index for {@link #tablesOf}; stale members are pruned when read, and
 * the whole set expires with the node's last lease).
 *
 * <p>Every change is one atomic Lua script:
 * <ul>
 *   <li><b>claim</b>: if the lease is held by this node <em>at the epoch this registry knows it holds</em>,
 *   extend it to the full TTL and return it unchanged; if it is held by another node, return that
 *   holder (no change); otherwise (no lease, or a lease of this node that this registry does not
 *   know of, for example from before a restart) acquire it: {@code INCR} the epoch (raised above the
 *   caller's floor if needed), {@code SET lease node PX ttl}. So the epoch grows on every acquisition,
 *   in particular on every change of holder, and never on a renewal.
 *   <li><b>renew</b> (many tables per call): for each table, only if the lease holder is this node and
 *   the epoch is the one it holds, {@code PEXPIRE} the lease; returns 1/0 per table.
 *   <li><b>release</b>: only if holder and epoch match, {@code DEL} the lease.
 * </ul>
 *
 * <p>This registry remembers the leases it acquired (per node id) with the time the last successful
 * claim or renewal was <em>sent</em>; {@link LeaseKeeper} renews them and stops tables whose renewal
 * fails or whose local deadline passes. A lease is therefore only ever renewed through the registry
 * instance that acquired it.
 *
 * <p>Redis outage: {@link #claim}, {@link #owner}, {@link #tablesOf} and {@link #renewAll} throw
 * {@link RegistryUnavailableException} (after at most the command timeout; at once when the
 * connection is known to be down). {@link #release} forgets the lease locally and never throws: the
 * lease then expires by itself.
 *
 * <p>Epochs survive only as long as Redis's data: after Redis loses its data the epoch of a table
 * starts again at 1. A node that resumes a table from its log must claim it with
 * {@link #claimAbove} (or {@link #seedEpoch} first) so the epoch stays above the one the log was
 * fenced with.
 *
 * <p>Concurrency: thread-safe. Redis serialises the scripts; the local lease book is a
 * {@link ConcurrentHashMap} per node whose entries are replaced atomically, and an entry is only
 * changed by the outcome of a renewal if it still has the epoch the renewal was sent with. Claims and
 * releases of one table by one node are serialised by a striped lock (held for one Redis round trip),
 * so concurrent claims of the same table by the same node all get the same lease.
 */
public final class RedisTableRegistry implements TableRegistry {
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(6);
    private static final Logger LOG = LoggerFactory.getLogger(RedisTableRegistry.class);
    /** Tables renewed per script call, so one call never blocks Redis for long. */
    static final int RENEW_BATCH = 200;

    /**
     * KEYS: lease, epoch, owned set of the claimer. ARGV: node, ttl ms, epoch the caller holds ('0':
     * none), floor (a new epoch must exceed it), table id. Returns {holder, epoch}.
     */
    static final LuaScript CLAIM = new LuaScript("""
            local holder = redis.call('GET', KEYS[1])
            local epoch = tonumber(redis.call('GET', KEYS[2]) or '0')
            if holder == ARGV[1] and epoch == tonumber(ARGV[3]) then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              redis.call('PEXPIRE', KEYS[3], ARGV[2])
              return {holder, epoch}
            end
            if holder and holder ~= ARGV[1] then
              return {holder, epoch}
            end
            epoch = redis.call('INCR', KEYS[2])
            local floor = tonumber(ARGV[4])
            if epoch <= floor then
              epoch = floor + 1
              redis.call('SET', KEYS[2], string.format('%d', epoch))
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SADD', KEYS[3], ARGV[5])
            redis.call('PEXPIRE', KEYS[3], ARGV[2])
            return {ARGV[1], epoch}
            """);

    /**
     * KEYS[1]: owned set; KEYS[2i], KEYS[2i+1]: lease and epoch of table i. ARGV[1]: node, ARGV[2]: ttl
     * ms, ARGV[2+i]: the epoch held of table i. Returns 1 (renewed) or 0 (not held) per table.
     */
    static final LuaScript RENEW = new LuaScript("""
            local out = {}
            local renewed = false
            for i = 1, (#KEYS - 1) / 2 do
              local lease = KEYS[2 * i]
              if redis.call('GET', lease) == ARGV[1]
                  and tonumber(redis.call('GET', KEYS[2 * i + 1]) or '0') == tonumber(ARGV[2 + i]) then
                redis.call('PEXPIRE', lease, ARGV[2])
                out[i] = 1
                renewed = true
              else
                out[i] = 0
              end
            end
            if renewed then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return out
            """);

    /** KEYS: lease, epoch, owned set. ARGV: node, epoch held, table id. Returns 1 when released. */
    static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1]
                and tonumber(redis.call('GET', KEYS[2]) or '0') == tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1])
              redis.call('SREM', KEYS[3], ARGV[3])
              return 1
            end
            return 0
            """);

    /** KEYS: lease, owned set. ARGV: node, table id. Drops the table from the set unless the node holds it. */
    static final LuaScript PRUNE_OWNED = new LuaScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return redis.call('SREM', KEYS[2], ARGV[2])
            end
            return 0
            """);

    /** KEYS: epoch. ARGV: minimum. Raises the epoch to the minimum; returns the epoch after. */
    static final LuaScript SEED_EPOCH = new LuaScript("""
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local wanted = tonumber(ARGV[1])
            if current < wanted then
              redis.call('SET', KEYS[1], ARGV[1])
              return wanted
            end
            return current
            """);

    /** A lease this registry acquired: its epoch and when the last successful claim/renewal was sent. */
    record Held(long epoch, long renewedAtNanos) {}

    private final RedisConnections redis;
    private final Keys keys;
    private final Duration ttl;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Held>> held = new ConcurrentHashMap<>();
    /** Serialise claims and releases of one table by one node (striped), so they see each other's outcome. */
    private final Object[] stripes = new Object[64];

    {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** Default TTL (6 s) and namespace ({@code poker}). */
    public RedisTableRegistry(RedisConnections redis) {
        this(redis, DEFAULT_LEASE_TTL, Keys.DEFAULT_NAMESPACE);
    }

    public RedisTableRegistry(RedisConnections redis, Duration leaseTtl) {
        this(redis, leaseTtl, Keys.DEFAULT_NAMESPACE);
    }

    /**
     * @param leaseTtl  how long a lease lives without renewal
     * @param namespace prefix of every key ({@code poker} by default)
     */
    public RedisTableRegistry(RedisConnections redis, Duration leaseTtl, String namespace) {
        this(redis, leaseTtl, namespace, System::nanoTime);
    }

    RedisTableRegistry(RedisConnections redis, Duration leaseTtl, String namespace, LongSupplier nanoClock) {
        if (leaseTtl.toMillis() <= 0) {
            throw new IllegalArgumentException("leaseTtl must be at least 1 ms");
        }
        this.redis = redis;
        this.ttl = leaseTtl;
        this.keys = new Keys(namespace);
        this.nanoClock = nanoClock;
    }

    public Duration leaseTtl() {
        return ttl;
    }

    /** The command timeout of the underlying connection: how long one Redis call may block. */
    public Duration commandTimeout() {
        return redis.commandTimeout();
    }

    private RedisCommands<String, String> sync() {
        return redis.commands().sync();
    }

    private Object stripe(String tableId, String nodeId) {
        return stripes[(tableId.hashCode() * 31 + nodeId.hashCode()) & (stripes.length - 1)];
    }

    private ConcurrentHashMap<String, Held> book(String nodeId) {
        return held.computeIfAbsent(nodeId, n -> new ConcurrentHashMap<>());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A fresh acquisition gets a new epoch; a claim by the node this registry already knows holds
     * the lease extends it and returns the same epoch.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    @Override
    public Optional<Lease> claim(String tableId, String nodeId) {
        return claimAbove(tableId, nodeId, 0);
    }

    /**
     * Like {@link #claim}, but a fresh acquisition gets an epoch greater than {@code floorEpoch} (the
     * last epoch the table's log was written with), even if Redis lost its data.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    public Optional<Lease> claimAbove(String tableId, String nodeId, long floorEpoch) {
        synchronized (stripe(tableId, nodeId)) {
            return claimLocked(tableId, nodeId, floorEpoch);
        }
    }

    private Optional<Lease> claimLocked(String tableId, String nodeId, long floorEpoch) {
        ConcurrentHashMap<String, Held> mine = book(nodeId);
        Held known = mine.get(tableId);
        long knownEpoch = known == null ? 0 : known.epoch();
        long sentAt = nanoClock.getAsLong();
        List<Object> reply;
        try {
            reply = CLAIM.run(sync(), ScriptOutputType.MULTI,
                    new String[] {keys.lease(tableId), keys.epoch(tableId), keys.owned(nodeId)}, nodeId,
                    Long.toString(ttl.toMillis()), Long.toString(knownEpoch), Long.toString(Math.max(0, floorEpoch)),
                    tableId);
        } catch (RuntimeException e) {
            throw RedisConnections.translate("claim of table " + tableId, e);
        }
        String holder = (String) reply.get(0);
        long epoch = (Long) reply.get(1);
        if (holder.equals(nodeId)) {
            mine.merge(tableId, new Held(epoch, sentAt), (a, b) -> a.epoch() != b.epoch()
                    ? (a.epoch() > b.epoch() ? a : b)
                    : new Held(a.epoch(), Math.max(a.renewedAtNanos(), b.renewedAtNanos())));
            return Optional.of(new Lease(tableId, nodeId, epoch));
        }
        if (known != null) {
            mine.remove(tableId, known); // another node holds it now: ours is gone
        }
        return Optional.empty();
    }

    /**
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    @Override
    public Optional<Lease> owner(String tableId) {
        List<KeyValue<String, String>> kv;
        try {
            kv = sync().mget(keys.lease(tableId), keys.epoch(tableId));
        } catch (RuntimeException e) {
            throw RedisConnections.translate("owner of table " + tableId, e);
        }
        if (!kv.get(0).hasValue()) {
            return Optional.empty();
        }
        long epoch = kv.get(1).hasValue() ? Long.parseLong(kv.get(1).getValue()) : 0;
        return Optional.of(new Lease(tableId, kv.get(0).getValue(), epoch));
    }

    /**
     * Releases a lease this registry holds for {@code nodeId}; no effect otherwise. Never throws: when
     * Redis is down the lease is only forgotten locally and expires after the TTL.
     */
    @Override
    public void release(String tableId, String nodeId) {
        synchronized (stripe(tableId, nodeId)) {
            releaseLocked(tableId, nodeId);
        }
    }

    private void releaseLocked(String tableId, String nodeId) {
        ConcurrentHashMap<String, Held> mine = held.get(nodeId);
        Held h = mine == null ? null : mine.remove(tableId);
        if (h == null) {
            return;
        }
        try {
            RELEASE.run(sync(), ScriptOutputType.INTEGER,
                    new String[] {keys.lease(tableId), keys.epoch(tableId), keys.owned(nodeId)}, nodeId,
                    Long.toString(h.epoch()), tableId);
        } catch (RuntimeException e) {
            RuntimeException t = RedisConnections.translate("release of table " + tableId, e);
            LOG.warn("lease of {} not released, it expires in {} ms: {}", tableId, ttl.toMillis(), t.getMessage());
        }
    }

    /**
     * The tables whose lease {@code nodeId} holds, read from Redis (any node, not only this one).
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    @Override
    public Set<String> tablesOf(String nodeId) {
        try {
            String ownedKey = keys.owned(nodeId);
            List<String> tables = new ArrayList<>(sync().smembers(ownedKey));
            if (tables.isEmpty()) {
                return Set.of();
            }
            List<KeyValue<String, String>> holders = sync().mget(tables.stream().map(keys::lease)
                    .toArray(String[]::new));
            Set<String> out = new HashSet<>();
            for (int i = 0; i < tables.size(); i++) {
                KeyValue<String, String> kv = holders.get(i);
                if (kv.hasValue() && kv.getValue().equals(nodeId)) {
                    out.add(tables.get(i));
                } else {
                    PRUNE_OWNED.run(sync(), ScriptOutputType.INTEGER,
                            new String[] {keys.lease(tables.get(i)), ownedKey}, nodeId, tables.get(i));
                }
            }
            return Set.copyOf(out);
        } catch (RuntimeException e) {
            throw RedisConnections.translate("tables of node " + nodeId, e);
        }
    }

    /**
     * The holder of each table's lease, for many tables in one round trip; tables without a lease are
     * absent from the answer.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    public Map<String, String> holders(List<String> tableIds) {
        if (tableIds.isEmpty()) {
            return Map.of();
        }
        try {
            List<KeyValue<String, String>> kv = sync().mget(tableIds.stream().map(keys::lease).toArray(String[]::new));
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < tableIds.size(); i++) {
                if (kv.get(i).hasValue()) {
                    out.put(tableIds.get(i), kv.get(i).getValue());
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw RedisConnections.translate("holders of " + tableIds.size() + " tables", e);
        }
    }

    /** The tables this registry believes {@code nodeId} holds (no Redis call). */
    Set<String> heldLocally(String nodeId) {
        ConcurrentHashMap<String, Held> mine = held.get(nodeId);
        return mine == null ? Set.of() : Set.copyOf(mine.keySet());
    }

    /**
     * Raises a table's epoch to at least {@code epoch} (for a node that recovers tables from a log
     * after Redis lost its data).
     *
     * @throws RegistryUnavailableException when Redis cannot be reached (retryable)
     */
    public void seedEpoch(String tableId, long epoch) {
        try {
            SEED_EPOCH.run(sync(), ScriptOutputType.INTEGER, new String[] {keys.epoch(tableId)}, Long.toString(epoch));
        } catch (RuntimeException e) {
            throw RedisConnections.translate("seeding the epoch of " + tableId, e);
        }
    }

    /**
     * Renews every lease this registry holds for {@code nodeId}, in batches of {@value #RENEW_BATCH}
     * tables per script call, and forgets the ones Redis says this node no longer holds (expired, or
     * taken by another node).
     *
     * @return the tables lost: the caller must stop them
     * @throws RegistryUnavailableException when Redis cannot be reached; batches renewed before the
     *     failure stay renewed, nothing is forgotten
     */
    public Set<String> renewAll(String nodeId) {
        ConcurrentHashMap<String, Held> mine = held.get(nodeId);
        if (mine == null || mine.isEmpty()) {
            return Set.of();
        }
        List<Map.Entry<String, Held>> all = new ArrayList<>(mine.entrySet().size());
        for (Map.Entry<String, Held> e : mine.entrySet()) {
            all.add(Map.entry(e.getKey(), e.getValue()));
        }
        Set<String> lost = new HashSet<>();
        for (int from = 0; from < all.size(); from += RENEW_BATCH) {
            List<Map.Entry<String, Held>> batch = all.subList(from, Math.min(all.size(), from + RENEW_BATCH));
            String[] batchKeys = new String[1 + 2 * batch.size()];
            String[] args = new String[2 + batch.size()];
            batchKeys[0] = keys.owned(nodeId);
            args[0] = nodeId;
            args[1] = Long.toString(ttl.toMillis());
            for (int i = 0; i < batch.size(); i++) {
                String table = batch.get(i).getKey();
                batchKeys[1 + 2 * i] = keys.lease(table);
                batchKeys[2 + 2 * i] = keys.epoch(table);
                args[2 + i] = Long.toString(batch.get(i).getValue().epoch());
            }
            long sentAt = nanoClock.getAsLong();
            List<Object> reply;
            try {
                reply = RENEW.run(sync(), ScriptOutputType.MULTI, batchKeys, args);
            } catch (RuntimeException e) {
                throw RedisConnections.translate("renewal of " + all.size() + " leases", e);
            }
            for (int i = 0; i < batch.size(); i++) {
                String table = batch.get(i).getKey();
                long epoch = batch.get(i).getValue().epoch();
                if (((Long) reply.get(i)) == 1L) {
                    mine.computeIfPresent(table, (t, cur) -> cur.epoch() == epoch
                            ? new Held(epoch, Math.max(cur.renewedAtNanos(), sentAt)) : cur);
                } else {
                    boolean[] removed = {false};
                    mine.computeIfPresent(table, (t, cur) -> {
                        if (cur.epoch() == epoch) {
                            removed[0] = true;
                            return null;
                        }
                        return cur;
                    });
                    if (removed[0]) {
                        lost.add(table);
                    }
                }
            }
        }
        return lost;
    }

    /**
     * Forgets and returns the leases of {@code nodeId} whose local deadline passed: the last
     * successful claim or renewal was sent at least {@code ttl - margin} ago.
     */
    Set<String> dropOverdue(String nodeId, long marginNanos) {
        ConcurrentHashMap<String, Held> mine = held.get(nodeId);
        if (mine == null || mine.isEmpty()) {
            return Set.of();
        }
        long now = nanoClock.getAsLong();
        long allowed = ttl.toNanos() - marginNanos;
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, Held> e : mine.entrySet()) {
            Held h = e.getValue();
            if (now - h.renewedAtNanos() >= allowed && mine.remove(e.getKey(), h)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    Keys keys() {
        return keys;
    }
}
