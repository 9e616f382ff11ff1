package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.registry.LeaseKeeper;
import dev.poker.registry.LeastLoadedPlacement;
import dev.poker.registry.NodeHeartbeat;
import dev.poker.registry.NodeInfo;
import dev.poker.registry.PlacementPolicy;
import dev.poker.registry.RedisFanout;
import dev.poker.registry.RedisMembership;
import dev.poker.registry.RegistryUnavailableException;
import dev.poker.server.ClusterSettings;
import dev.poker.server.NodeParts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.table.TableRebuilder;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster: its heartbeat, the leases of its tables (a table whose lease is
 * lost stops here at once), taking over tables that lost their owner (a dead or drained node), the
 * bus to the other nodes, the cluster-wide lobby, placement of new tables, and drain.
 *
 * <p>Redis outage: tables keep running here for local players while leases cannot be renewed (no
 * other node can claim them while Redis is down; if Redis is lost for some nodes only, the others
 * may take a table over and the database's epoch fence stops this copy at its next write). When Redis
 * is back this node claims its tables again, or stops those another node took.
 *
 * <p>Concurrency: one scheduler thread runs the takeover scans, the lobby refresh and the lease
 * re-claims; takeovers run on their own small pool; the lease keeper and heartbeat have their own
 * threads. Shared state is in concurrent collections and volatile fields.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final long SCAN_EVERY_MS = 200;

    private final String nodeId;
    private final ClusterSettings settings;
    private final NodeParts.Redis redis;
    private final NodeParts parts;
    private final TableDirectory tables;
    private final TableRebuilder rebuilder;
    private final PokerMetrics metrics;
    private final ProtocolCodec codec;
    private final IntSupplier connections;
    private final RedisMembership membership;
    private final dev.poker.registry.RedisNodeBoard board;
    private final ClusterLink link;
    private final ForwardedRequests forwarded;
    private final NodeHeartbeat heartbeat;
    private final LeaseKeeper keeper;
    private final PlacementPolicy placement = LeastLoadedPlacement.INSTANCE;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.ExecutorService takeovers;
    private final Set<String> adopting = ConcurrentHashMap.newKeySet();
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> orphanSince = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private volatile boolean redisUp = true;
    private volatile long redisDownSinceMs;
    private volatile long renewalsFailingSinceMs;
    private volatile long redisBackAt = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    private volatile List<TableSummary> lobby = List.of();

    public ClusterNode(NodeParts parts, ClusterLink link, TableDirectory tables, TableRebuilder rebuilder,
            PokerMetrics metrics, ProtocolCodec codec, IntSupplier connections,
            java.util.function.BiConsumer<String, ServerMessage> accountMessages,
            java.util.function.BiConsumer<ClientMessage.CreateTable, java.util.function.Consumer<ServerMessage>> creator) {
        this.parts = parts;
        this.nodeId = parts.config().nodeId();
        this.settings = parts.config().cluster();
        this.redis = parts.redis();
        this.tables = tables;
        this.rebuilder = rebuilder;
        this.metrics = metrics;
        this.codec = codec;
        this.connections = connections;
        this.membership = new RedisMembership(redis.connections(), Duration.ofMillis(settings.heartbeatTtlMs()),
                "poker");
        this.board = new dev.poker.registry.RedisNodeBoard(redis.connections(), "poker", "lobby");
        this.link = link;
        this.forwarded = new ForwardedRequests(nodeId, tables, link.requests(), creator::accept, accountMessages,
                link.tracing());
        this.heartbeat = new NodeHeartbeat(membership, this::info,
                Duration.ofMillis(Math.max(100, settings.heartbeatTtlMs() / 4)));
        long ttl = settings.leaseTtlMs();
        long command = NodeParts.REDIS_COMMAND_TIMEOUT.toMillis();
        long margin = Math.max(ttl / 3, command + LeaseKeeper.DEFAULT_TICK.toMillis() + 100);
        long renew = Math.min(ttl / 4, ttl - margin - command - LeaseKeeper.DEFAULT_TICK.toMillis() - 50);
        this.keeper = new LeaseKeeper(redis.registry(), nodeId, Duration.ofMillis(renew), Duration.ofMillis(margin),
                this::leaseLost);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "poker-cluster"));
        this.takeovers = Executors.newFixedThreadPool(4, r -> daemon(r, "poker-takeover"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Joins the cluster: heartbeat, lease renewals, and a first takeover of ownerless tables (waited for). */
    public void start() {
        link.bus().listen(forwarded::onMessage);
        heartbeat.start();
        keeper.start();
        scan();
        awaitTakeovers(30_000);
        timer.scheduleWithFixedDelay(this::tick, SCAN_EVERY_MS, SCAN_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private NodeInfo info() {
        return new NodeInfo(nodeId, settings.advertiseAddress(), tables.size(), connections.getAsInt(), draining,
                Instant.now());
    }

    /**
     * Since when Redis has been unreachable (scheduler time), or 0 while it answers: as the cluster's tick
     * saw it, or, sooner, as the lease keeper's failing renewals show it (the first time they are asked).
     */
    public long redisDownSince() {
        long since = redisDownSinceMs;
        if (since != 0) {
            return since;
        }
        if (keeper.renewing()) {
            renewalsFailingSinceMs = 0;
            return 0;
        }
        if (renewalsFailingSinceMs == 0) {
            renewalsFailingSinceMs = parts.scheduler().nowMillis();
        }
        return renewalsFailingSinceMs;
    }

    /** Whether Redis answered the last time this node asked (never blocks: for /health and the lobby). */
    public boolean redisHealthy() {
        return redisUp;
    }

    private void tick() {
        try {
            boolean was = redisUp;
            redisUp = redis.connections().healthy();
            if (!redisUp && was) {
                redisDownSinceMs = parts.scheduler().nowMillis();
                log.warn("Redis is unreachable: players on other nodes cannot reach this node's tables; their clocks"
                        + " hold for up to {} ms", parts.config().cluster().outageClockHoldMs());
            } else if (redisUp) {
                redisDownSinceMs = 0;
            }
            if (redisUp && !was) {
                redisBackAt = System.nanoTime(); // heartbeats need a moment to show who is alive again
            }
            reclaim();
            scan();
            publishLobby();
        } catch (RuntimeException e) {
            log.warn("cluster tick failed: {}", e.toString());
        }
    }

    // ---- takeover of tables without an owner -----------------------------------------------------

    /**
     * Finds open tables that no node holds (their owner died, drained, or lost them) and takes over
     * this node's share: the live nodes that are not draining split them by load, each node computing
     * the same split; a table nobody took within a few seconds is taken by whoever sees it first.
     */
    private void scan() {
        if (draining) {
            return;
        }
        List<dev.poker.server.store.TableCatalog.TableRecord> open;
        java.util.Map<String, String> holders;
        List<NodeInfo> live;
        try {
            open = parts.catalog().openTables();
            List<String> ids = new ArrayList<>(open.size());
            for (var r : open) {
                if (tables.find(r.tableId()).isEmpty() && !adopting.contains(r.tableId())) {
                    ids.add(r.tableId());
                }
            }
            if (ids.isEmpty()) {
                orphanSince.clear();
                redisUp = true;
                return;
            }
            holders = redis.registry().holders(ids);
            live = membership.live();
            redisUp = true;
        } catch (RegistryUnavailableException e) {
            redisUp = false;
            return;
        } catch (RuntimeException e) {
            log.debug("takeover scan skipped: {}", e.toString());
            return;
        }
        long now = System.nanoTime();
        List<dev.poker.server.store.TableCatalog.TableRecord> orphans = new ArrayList<>();
        for (var r : open) {
            String id = r.tableId();
            if (tables.find(id).isPresent() || adopting.contains(id)) {
                continue;
            }
            String holder = holders.get(id);
            // a lease in this node's name without a running copy is from before a restart: take it again
            if (holder == null || holder.equals(nodeId)) {
                orphans.add(r);
                orphanSince.putIfAbsent(id, now);
            } else {
                orphanSince.remove(id);
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        List<NodeInfo> takers = new ArrayList<>();
        for (NodeInfo n : live) {
            if (!n.draining()) {
                takers.add(n);
            }
        }
        takers.sort(Comparator.comparing(NodeInfo::nodeId));
        int[] load = new int[takers.size()];
        for (int i = 0; i < takers.size(); i++) {
            load[i] = takers.get(i).tables();
        }
        orphans.sort(Comparator.comparing(dev.poker.server.store.TableCatalog.TableRecord::tableId));
        long stale = TimeUnit.MILLISECONDS.toNanos(settings.leaseTtlMs() + 1_000);
        // after Redis lost its data no table has a lease, but their owners still run them and claim them
        // again: a table whose last owner is alive (and not draining) is left to it for a while
        long ownersTurn = TimeUnit.MILLISECONDS.toNanos(3 * settings.leaseTtlMs());
        Set<String> liveTakers = new java.util.HashSet<>();
        takers.forEach(n -> liveTakers.add(n.nodeId()));
        for (var r : orphans) {
            long orphaned = now - orphanSince.getOrDefault(r.tableId(), now);
            boolean othersTable = r.ownerNode() != null && !r.ownerNode().equals(nodeId);
            if (othersTable && (now - redisBackAt < TimeUnit.MILLISECONDS.toNanos(settings.heartbeatTtlMs())
                    || liveTakers.contains(r.ownerNode()) && orphaned < ownersTurn)) {
                continue;
            }
            String chosen = null;
            int best = -1;
            for (int i = 0; i < takers.size(); i++) {
                if (best < 0 || load[i] < load[best]) {
                    best = i;
                }
            }
            if (best >= 0) {
                load[best]++;
                chosen = takers.get(best).nodeId();
            }
            boolean overdue = orphaned > stale;
            if (nodeId.equals(chosen) || overdue || takers.isEmpty()) {
                takeOver(r);
            }
        }
    }

    private void takeOver(dev.poker.server.store.TableCatalog.TableRecord r) {
        if (!adopting.add(r.tableId())) {
            return;
        }
        takeovers.execute(() -> {
            long started = System.nanoTime();
            String id = r.tableId();
            boolean claimed = false;
            TraceSpan span = link.tracing().takeover(id);
            try (TraceScope scope = span.enter()) {
                Optional<dev.poker.registry.Lease> lease = redis.registry().claimAbove(id, nodeId, r.epoch());
                if (lease.isEmpty()) {
                    return; // another node was quicker
                }
                claimed = true;
                long epoch = parts.catalog().takeOver(id, nodeId, lease.get().epoch());
                var fresh = parts.catalog().table(id).orElse(r);
                TableRebuilder.Rebuilt rebuilt = rebuilder.rebuild(fresh);
                tables.restore(rebuilt, epoch);
                long events = rebuilt.events();
                span.rebuilt(epoch, events);
                orphanSince.remove(id);
                long took = System.nanoTime() - started;
                metrics.tookOver(took);
                log.info("took over table {} at epoch {} ({} events) in {} ms", id, epoch, events,
                        TimeUnit.NANOSECONDS.toMillis(took));
            } catch (RuntimeException e) {
                span.failed(e);
                log.warn("takeover of table {} failed: {}", id, e.toString());
                if (claimed && tables.find(id).isEmpty()) {
                    redis.registry().release(id, nodeId);
                }
            } finally {
                span.end();
                adopting.remove(id);
            }
        });
    }

    private void awaitTakeovers(long maxMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        while (!adopting.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    // ---- leases --------------------------------------------------------------------------------------

    /** On the lease keeper's thread: stop the table, unless Redis is unreachable (then keep it, re-claim later). */
    private void leaseLost(String tableId) {
        Optional<TableActor> t = tables.find(tableId);
        if (t.isEmpty()) {
            return;
        }
        if (!keeper.renewing()) {
            log.warn("table {}: lease not renewable while Redis is unreachable; it keeps running here for local"
                    + " players and is claimed again when Redis is back", tableId);
            unconfirmed.add(tableId);
            return;
        }
        log.warn("table {}: lease lost; stopping this copy", tableId);
        t.get().relinquish("lease lost");
    }

    /** Claims again the tables whose lease lapsed during a Redis outage, or stops those taken by another node. */
    private void reclaim() {
        for (String id : unconfirmed) {
            Optional<TableActor> t = tables.find(id);
            if (t.isEmpty()) {
                unconfirmed.remove(id);
                continue;
            }
            try {
                Optional<dev.poker.registry.Lease> lease = redis.registry().claimAbove(id, nodeId, t.get().epoch());
                unconfirmed.remove(id);
                if (lease.isEmpty()) {
                    log.warn("table {}: another node took it during the Redis outage; stopping this copy", id);
                    t.get().relinquish("lease taken during a Redis outage");
                } else {
                    log.info("table {}: lease claimed again after the Redis outage", id);
                }
            } catch (RegistryUnavailableException e) {
                redisUp = false;
                return;
            }
        }
    }

    // ---- lobby and placement -----------------------------------------------------------------------

    private void publishLobby() {
        try {
            String mine = codec.encode(new ServerMessage.Tables(null, tables.lobby()));
            board.post(nodeId, mine, Duration.ofMillis(Math.max(2_000, settings.heartbeatTtlMs() * 2)));
            List<String> live = membership.live().stream().map(NodeInfo::nodeId).toList();
            List<TableSummary> all = new ArrayList<>();
            for (String value : board.read(live).values()) {
                if (codec.decodeServer(value) instanceof ServerMessage.Tables t) {
                    all.addAll(t.tables());
                }
            }
            all.sort(Comparator.comparingInt(TableSummary::players).reversed().thenComparing(TableSummary::id));
            lobby = List.copyOf(all);
            redisUp = true;
        } catch (RuntimeException e) {
            redisUp = false;
        }
    }

    /** Every table of the cluster (refreshed every few hundred ms; this node's own are always current). */
    public List<TableSummary> lobby() {
        List<TableSummary> cached = lobby;
        if (cached.isEmpty() || !redisHealthy()) {
            return tables.lobby();
        }
        // this node's tables as they are now, the others' as last published
        List<TableSummary> out = new ArrayList<>(tables.lobby());
        Set<String> local = new java.util.HashSet<>();
        out.forEach(t -> local.add(t.id()));
        for (TableSummary t : cached) {
            if (!local.contains(t.id()) && tables.find(t.id()).isEmpty()) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparingInt(TableSummary::players).reversed().thenComparing(TableSummary::id));
        return out;
    }

    /**
     * The node a new table goes to: the least-loaded live node that is not draining.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached
     */
    public Optional<String> placeNewTable() {
        // heartbeats report load up to an interval late: count the tables this node placed since, so a
        // burst of creations spreads instead of piling onto the node that looked emptiest
        long now = System.nanoTime();
        long window = TimeUnit.MILLISECONDS.toNanos(Math.max(1_000, settings.heartbeatTtlMs()));
        recentPlacements.removeIf(p -> now - p.getValue() > window);
        List<NodeInfo> adjusted = new ArrayList<>();
        for (NodeInfo n : membership.live()) {
            int placed = 0;
            for (var p : recentPlacements) {
                if (p.getKey().equals(n.nodeId())) {
                    placed++;
                }
            }
            adjusted.add(new NodeInfo(n.nodeId(), n.address(), n.tables() + placed, n.connections(), n.draining(),
                    n.updatedAt()));
        }
        Optional<String> chosen = placement.choose(adjusted);
        chosen.ifPresent(node -> recentPlacements.add(java.util.Map.entry(node, now)));
        return chosen;
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<java.util.Map.Entry<String, Long>> recentPlacements =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    // ---- drain -----------------------------------------------------------------------------------------

    public boolean draining() {
        return draining;
    }

    /**
     * Hands every table to the other nodes: no new tables here (the heartbeat says draining), each table
     * stops at its next hand boundary (or, after the drain deadline, as soon as its writes are durable)
     * and releases its lease, and the others take it over from the log. Returns when no table is left
     * here, or after the deadline and a grace period.
     */
    public void drain() {
        draining = true;
        try {
            membership.heartbeat(info());
        } catch (RuntimeException e) {
            log.debug("drain heartbeat not sent: {}", e.toString());
        }
        long deadline = parts.scheduler().nowMillis() + settings.drainDeadlineMs();
        List<TableActor> mine = new ArrayList<>(tables.all());
        CountDownLatch done = new CountDownLatch(mine.size());
        log.info("draining: handing over {} tables (deadline {} ms)", mine.size(), settings.drainDeadlineMs());
        for (TableActor t : mine) {
            t.handOff(deadline, done::countDown);
        }
        try {
            done.await(settings.drainDeadlineMs() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // wait (briefly) until other nodes run the tables, so clients told to reconnect find them
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.leaseTtlMs() + 3_000);
        for (TableActor t : mine) {
            while (System.nanoTime() < until) {
                try {
                    var owner = redis.registry().owner(t.id());
                    if (owner.isPresent() && !owner.get().nodeId().equals(nodeId)) {
                        break;
                    }
                } catch (RuntimeException e) {
                    break;
                }
                sleep(20);
            }
        }
        log.info("drained: {} tables left here", tables.size());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        takeovers.shutdownNow();
        heartbeat.close();
        keeper.close();
        try {
            membership.leave(nodeId);
        } catch (RuntimeException e) {
            log.debug("leave not sent: {}", e.toString());
        }
        link.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
