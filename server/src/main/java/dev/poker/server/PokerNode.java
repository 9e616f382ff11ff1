package dev.poker.server;

import dev.poker.protocol.Names;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.server.account.SessionTokens;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.net.HttpServer;
import dev.poker.server.net.NodeStatus;
import dev.poker.server.session.RequestDispatcher;
import dev.poker.server.session.Sessions;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.PlayerReach;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.table.TableFactory;
import dev.poker.server.table.TableRebuilder;
import dev.poker.server.table.TableTiming;
import dev.poker.server.table.TableBatch;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import dev.poker.server.trace.Tracing;
import dev.poker.registry.Fanout;
import dev.poker.protocol.ErrorCode;
import dev.poker.server.table.Viewer;
import dev.poker.server.cluster.ClusterLink;
import dev.poker.server.cluster.ClusterNode;
import dev.poker.server.cluster.TableRouter;
import dev.poker.server.net.AdminApi;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.TableSummary;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: wires the parts together, rebuilds its tables from the audit log, starts the
 * port, and shuts down gracefully.
 *
 * <p>Concurrency: {@link #start} and {@link #close} are called once, from one thread; the parts it
 * holds are thread-safe.
 */
public final class PokerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PokerNode.class);

    private final NodeParts parts;
    private final NodeConfig config;
    private final ForkJoinPool actors;
    private final Sessions sessions;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final TableDirectory tables;
    private final PokerMetrics metrics;
    private final NodeStatus status;
    private final HttpServer http = new HttpServer();
    private final LocalViewers viewers;
    private final TableRouter router;
    private final TableRebuilder rebuilder;
    private final ClusterNode cluster;
    private final Tracing tracing;
    private volatile Runnable afterDrain = () -> { };
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private int port;

    public PokerNode(NodeParts parts) {
        this(parts, Tracing.off());
    }

    /** A node whose requests, table work and takeovers are traced with {@code tracing} (closed with the node). */
    public PokerNode(NodeParts parts, Tracing tracing) {
        this.parts = parts;
        this.tracing = tracing;
        this.config = parts.config();
        this.actors = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        this.sessions = new Sessions(config.nodeId());
        // the gauges read the directory when scraped, after the node is built
        this.metrics = new PokerMetrics(parts.meters(), this::seatedPlayers, this::tableCount, sessions::count);
        Fanout<TableBatch> fanout = tracing.fanout(parts.fanout(), parts.redis() != null ? "redis" : "in_process");
        TableFactory factory = new TableFactory(parts.decks(), actors, tracing.store(parts.store(), dbSystem()), fanout,
                parts.accounts(), parts.scheduler(), new TableTiming(config.handDelayMs(), config.sitOutRemoveMs()),
                metrics, config.clustered() ? new OutageReach() : PlayerReach.ALWAYS);
        this.rebuilder = new TableRebuilder(parts.store(), parts.catalog(), parts.accounts());
        this.tables = new TableDirectory(parts.registry(), parts.catalog(), config.nodeId(), factory, parts.workers(),
                rebuilder, this::balanceChanged);
        ClusterLink link = config.clustered() ? ClusterLink.open(parts, codec, tracing) : null;
        this.router = new TableRouter(config.nodeId(), tables, parts.workers(), metrics, link);
        this.viewers = new LocalViewers(fanout, config.revealDecks(), router);
        this.status = new NodeStatus(config.nodeId(), tables::size, sessions::count);
        status.check("store", parts.store()::healthy);
        status.tablesNotServing(tables::notServing);
        status.liveness().probe("actor-pool", actors);
        status.liveness().probe("worker-pool", parts.workers());
        metrics.dependency("store", parts.store()::healthy);
        if (link != null) {
            this.cluster = new ClusterNode(parts, link, tables, rebuilder, metrics, codec, sessions::count,
                    sessions::sendTo, this::openHere);
            status.report("redis", cluster::redisHealthy);
            metrics.dependency("redis", cluster::redisHealthy);
        } else {
            this.cluster = null;
        }
    }

    /** The database behind the audit log, as OpenTelemetry names it ({@code db.system}). */
    private String dbSystem() {
        if (parts.database() == null) {
            return "other_sql"; // the in-memory store of tests
        }
        return config.dbUrl().startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
    }

    private int seatedPlayers() {
        return tables.seatedPlayers();
    }

    private int tableCount() {
        return tables.size();
    }

    /** A table changed a player's balance: every connection of the player, on any node, hears the new one. */
    private void balanceChanged(String account) {
        parts.workers().execute(() -> {
            try {
                parts.accounts().find(account).ifPresent(a -> {
                    ServerMessage.Balance balance = new ServerMessage.Balance(account, a.balance());
                    sessions.sendTo(account, balance);
                    router.sendToAccount(account, balance);
                });
            } catch (RuntimeException e) {
                log.debug("balance of {} not sent: {}", account, e.toString());
            }
        });
    }

    private ServerMessage.Error error(String requestId, ErrorCode code, String message) {
        metrics.error(code);
        return ServerMessage.Error.of(requestId, code, message, null);
    }

    /** Opens a table on this node and answers the request with its id (or a retryable error). */
    private void openHere(ClientMessage.CreateTable c, java.util.function.Consumer<ServerMessage> answer) {
        if (status.draining()) {
            answer.accept(error(c.id(), ErrorCode.DRAINING,
                    "The chosen node is draining; retry to open the table elsewhere."));
            return;
        }
        if (tables.size() >= config.maxTables()) {
            answer.accept(error(c.id(), ErrorCode.TOO_MANY_TABLES, "This node runs as many tables as it may."));
            return;
        }
        tables.create(Names.normalize(c.name()), TableDirectory.configOf(c)).whenComplete((t, failure) -> {
            if (failure != null || t.isEmpty()) {
                answer.accept(error(c.id(), ErrorCode.STORE_UNAVAILABLE,
                        "The table could not be opened now; retry shortly."));
            } else {
                answer.accept(new ServerMessage.Ack(c.id(), t.get().id(), 0L));
            }
        });
    }

    /** A create_table request: here when standalone, else on the node placement chooses. */
    private void open(ClientMessage.CreateTable c, Viewer to) {
        if (cluster == null) {
            openHere(c, to::reply);
            return;
        }
        parts.workers().execute(() -> {
            java.util.Optional<String> node;
            try {
                node = cluster.placeNewTable();
            } catch (dev.poker.registry.RegistryUnavailableException e) {
                to.reply(error(c.id(), ErrorCode.REGISTRY_UNAVAILABLE,
                        "The cluster registry is unreachable, so no table can be placed now; retry shortly."));
                return;
            }
            if (node.isEmpty() || node.get().equals(config.nodeId())) {
                openHere(c, to::reply);
            } else {
                router.createOn(node.get(), c, to);
            }
        });
    }

    /** Rebuilds this node's tables from the audit log, binds the port and starts taking connections. */
    public PokerNode start() throws InterruptedException {
        if (cluster != null) {
            cluster.start(); // takes over the tables nobody runs (all of them when the whole cluster starts)
        } else {
            recover();
        }
        SessionTokens tokens = new SessionTokens(tokenSecret(), config.tokenLifetimeSeconds());
        java.util.function.Supplier<List<TableSummary>> lobby = cluster != null ? cluster::lobby : tables::lobby;
        RequestDispatcher dispatcher = new RequestDispatcher(config, codec, parts.accounts(), tokens, router, viewers,
                lobby, this::open, sessions, metrics, parts.scheduler(), parts.workers(), status::draining, tracing);
        AdminApi admin = new AdminApi(config.cluster().adminToken(), () -> {
            Thread t = new Thread(() -> {
                close();
                afterDrain.run();
            }, "poker-drain");
            t.start();
        });
        port = http.start(config, status, metrics, lobby, codec, parts.workers(), dispatcher,
                new HistoryApi(parts.catalog(), parts.store(), tokens, parts.scheduler()), admin);
        status.started();
        log.info("node {} listening on {}:{}", config.nodeId(), config.host(), port);
        return this;
    }

    /**
     * Every open table comes back: this node takes it over (a new epoch fences any older owner), replays
     * its events through the engine's state, gives back buy-ins that were reserved but never seated, and
     * resumes the hand in progress with a full clock for the player to act.
     */
    private void recover() {
        long started = System.nanoTime();
        int count = 0;
        long events = 0;
        for (TableCatalog.TableRecord r : parts.catalog().openTables()) {
            long epoch = parts.catalog().takeOver(r.tableId(), config.nodeId(), 0);
            if (parts.registry() instanceof InProcessTableRegistry local) {
                local.seedEpoch(r.tableId(), epoch - 1);
                local.claim(r.tableId(), config.nodeId());
            }
            TraceSpan span = tracing.recovery(r.tableId());
            try (TraceScope scope = span.enter()) {
                TableRebuilder.Rebuilt rebuilt = rebuilder.rebuild(r);
                tables.restore(rebuilt, epoch);
                span.rebuilt(epoch, rebuilt.events());
                events += rebuilt.events();
            } finally {
                span.end();
            }
            count++;
        }
        if (count > 0) {
            log.info("recovered {} tables ({} events) in {} ms", count, events,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** The configured secret, or one kept in the data directory so tokens survive restarts. */
    private String tokenSecret() {
        if (!config.tokenSecret().isEmpty()) {
            return config.tokenSecret();
        }
        java.nio.file.Path file = java.nio.file.Path.of(config.dataDir(), "token-secret");
        try {
            if (java.nio.file.Files.exists(file)) {
                return java.nio.file.Files.readString(file).strip();
            }
            String secret = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32));
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, secret);
            return secret;
        } catch (java.io.IOException e) {
            log.warn("no POKER_TOKEN_SECRET and {} is not usable ({}): tokens will not survive a restart", file,
                    e.getMessage());
            return java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32));
        }
    }

    public int port() {
        return port;
    }

    public NodeStatus status() {
        return status;
    }

    public TableDirectory tables() {
        return tables;
    }

    public dev.poker.server.account.Accounts accounts() {
        return parts.accounts();
    }

    public PokerMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful shutdown: /health says draining, no new connections, clients are told to reconnect and
     * closed with 1001 (going away), writes in flight finish. Hands pause: every event is durable, so a
     * node that starts on the same database resumes them.
     */
    /** What runs after a drain asked for over HTTP has finished (the launcher exits the process). */
    public void afterDrain(Runnable r) {
        this.afterDrain = r;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        status.drain();
        if (cluster != null) {
            // hand the tables over first, while clients are still connected here and can follow them
            cluster.drain();
        }
        http.stopAccepting();
        ServerMessage goodbye = new ServerMessage.Reconnect("node shutting down");
        sessions.all().forEach(s -> s.reply(goodbye));
        sessions.all().forEach(s -> s.closeGoingAway());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sessions.count() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        http.stop();
        if (cluster != null) {
            cluster.close();
        }
        actors.shutdown();
        try {
            actors.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.close();
        tracing.close();
        log.info("node {} stopped", config.nodeId());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In a cluster, a player with no connection on this node reaches its tables through Redis: while
     * Redis is unreachable they cannot act, and their clocks hold ({@code POKER_OUTAGE_CLOCK_HOLD_MS}).
     */
    private final class OutageReach implements PlayerReach {
        @Override
        public long unreachableSince(String account) {
            ClusterNode c = cluster;
            long since = c == null ? 0 : c.redisDownSince();
            return since == 0 || sessions.connected(account) ? 0 : since;
        }

        @Override
        public long holdCapMs() {
            return config.cluster().outageClockHoldMs();
        }
    }
}
