package dev.poker.server;

import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Fanout;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.SessionTokens;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.net.HttpServer;
import dev.poker.server.net.NodeStatus;
import dev.poker.server.session.RequestDispatcher;
import dev.poker.server.session.Sessions;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableBatch;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
    private final Sessions sessions = new Sessions();
    private final ProtocolCodec codec = new ProtocolCodec();
    private final TableDirectory tables;
    private final PokerMetrics metrics;
    private final NodeStatus status;
    private final HttpServer http = new HttpServer();
    private int port;

    public PokerNode(NodeParts parts) {
        this.parts = parts;
        this.config = parts.config();
        this.actors = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        LocalViewers viewers = new LocalViewers(parts.fanout(), codec);
        TableDirectory[] directory = new TableDirectory[1];
        this.metrics = new PokerMetrics(parts.meters(), () -> directory[0].seatedPlayers(), () -> directory[0].size(),
                sessions::count);
        TableActor.TableServices services = new TableActor.TableServices() {
            @Override public EventStore store() { return parts.store(); }
            @Override public Fanout<TableBatch> fanout() { return parts.fanout(); }
            @Override public LocalViewers viewers() { return viewers; }
            @Override public Accounts accounts() { return parts.accounts(); }
            @Override public Scheduler scheduler() { return parts.scheduler(); }
            @Override public PokerMetrics metrics() { return metrics; }
            @Override public ProtocolCodec codec() { return codec; }
            @Override public NodeConfig config() { return config; }
            @Override public TableActor.SessionDirectory sessions() { return sessions; }
            @Override public Executor workers() { return parts.workers(); }
            @Override public void onStopped(TableActor table, String why) {
                log.warn("table {} stopped: {}", table.id(), why);
                directory[0].remove(table);
            }
        };
        this.tables = new TableDirectory(parts.registry(), parts.catalog(), config.nodeId(), parts.decks(), actors,
                services);
        directory[0] = tables;
        this.status = new NodeStatus(config.nodeId(), tables::size, sessions::count);
        status.check("store", parts.store()::healthy);
    }

    /** Rebuilds this node's tables from the audit log, binds the port and starts taking connections. */
    public PokerNode start() throws InterruptedException {
        recover();
        SessionTokens tokens = new SessionTokens(tokenSecret(), config.tokenLifetimeSeconds());
        RequestDispatcher dispatcher = new RequestDispatcher(config, codec, parts.accounts(), tokens, tables, sessions,
                metrics, parts.scheduler(), parts.workers(), status::draining);
        port = http.start(config, status, metrics, tables, codec, parts.workers(), dispatcher,
                new HistoryApi(parts.catalog(), parts.store(), tokens, parts.scheduler()));
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
            TableState state = new TableState(r.config());
            List<StoredEvent> hand = new ArrayList<>();
            long last = 0;
            while (true) {
                List<StoredEvent> chunk = parts.store().read(r.tableId(), last, 10_000);
                if (chunk.isEmpty()) {
                    break;
                }
                for (StoredEvent e : chunk) {
                    state.apply(e.event());
                    if (e.event() instanceof TableEvent.HandStarted) {
                        hand.clear();
                    }
                    if (state.handRunning() || e.event() instanceof TableEvent.HandStarted) {
                        hand.add(e);
                    } else {
                        hand.clear();
                    }
                    last = e.seq();
                }
                events += chunk.size();
            }
            for (TableCatalog.Unsettled u : parts.catalog().unsettled(r.tableId())) {
                log.info("table {}: giving back {} chips of an unsettled buy-in to {}", r.tableId(), u.amount(),
                        u.accountId());
                parts.accounts().release(u.accountId(), u.amount(), r.tableId(), u.ref()).join();
            }
            tables.restore(r.tableId(), r.name(), state, last, state.handRunning() ? hand : List.of(), epoch);
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

    public Accounts accounts() {
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
    @Override
    public void close() {
        status.drain();
        http.stopAccepting();
        String goodbye = codec.encode(new ServerMessage.Reconnect("node shutting down"));
        sessions.all().forEach(s -> s.sendAll(List.of(goodbye)));
        sessions.all().forEach(s -> s.closeGoingAway());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sessions.count() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        http.stop();
        actors.shutdown();
        try {
            actors.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.close();
        log.info("node {} stopped", config.nodeId());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
