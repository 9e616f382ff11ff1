package dev.poker.server;

import dev.poker.engine.deck.DeckSource;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Fanout;
import dev.poker.registry.InProcessFanout;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.registry.TableRegistry;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.SessionTokens;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.net.HttpServer;
import dev.poker.server.net.NodeStatus;
import dev.poker.server.session.RequestDispatcher;
import dev.poker.server.session.Sessions;
import dev.poker.server.store.EventStore;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableBatch;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.time.Scheduler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: wires the parts together, starts the port, and shuts down gracefully.
 *
 * <p>Concurrency: {@link #start} and {@link #close} are called once, from one thread; the parts it
 * holds are thread-safe.
 */
public final class PokerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PokerNode.class);

    private final NodeConfig config;
    private final Scheduler scheduler;
    private final EventStore store;
    private final Accounts accounts;
    private final ForkJoinPool actors;
    private final ExecutorService workers;
    private final Sessions sessions = new Sessions();
    private final ProtocolCodec codec = new ProtocolCodec();
    private final TableDirectory tables;
    private final PokerMetrics metrics;
    private final NodeStatus status;
    private final HttpServer http = new HttpServer();
    private int port;

    /** The parts a node runs on; the persistence and cluster issues bring other implementations. */
    public record Parts(NodeConfig config, Scheduler scheduler, EventStore store, Accounts accounts, DeckSource decks,
            TableRegistry registry, Fanout<TableBatch> fanout) {

        /** A standalone node's parts: in-process registry and fan-out. */
        public static Parts standalone(NodeConfig config, Scheduler scheduler, EventStore store, Accounts accounts,
                DeckSource decks) {
            return new Parts(config, scheduler, store, accounts, decks, new InProcessTableRegistry(),
                    new InProcessFanout<>());
        }
    }

    public PokerNode(Parts parts) {
        this.config = parts.config();
        this.scheduler = parts.scheduler();
        this.store = parts.store();
        this.accounts = parts.accounts();
        this.actors = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "poker-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LocalViewers viewers = new LocalViewers(parts.fanout(), codec);
        TableDirectory[] directory = new TableDirectory[1];
        this.metrics = new PokerMetrics(() -> directory[0].seatedPlayers(), () -> directory[0].size(),
                sessions::count);
        TableActor.TableServices services = new TableActor.TableServices() {
            @Override public EventStore store() { return store; }
            @Override public Fanout<TableBatch> fanout() { return parts.fanout(); }
            @Override public LocalViewers viewers() { return viewers; }
            @Override public Accounts accounts() { return accounts; }
            @Override public Scheduler scheduler() { return scheduler; }
            @Override public PokerMetrics metrics() { return metrics; }
            @Override public ProtocolCodec codec() { return codec; }
            @Override public NodeConfig config() { return config; }
            @Override public TableActor.SessionDirectory sessions() { return sessions; }
            @Override public void onStopped(TableActor table, String why) {
                log.warn("table {} stopped: {}", table.id(), why);
                directory[0].remove(table);
            }
        };
        this.tables = new TableDirectory(parts.registry(), config.nodeId(), parts.decks(), actors, services);
        directory[0] = tables;
        this.status = new NodeStatus(config.nodeId(), tables::size, sessions::count);
        status.check("store", store::healthy);
    }

    /** Binds the port and starts taking connections. */
    public PokerNode start() throws InterruptedException {
        String secret = config.tokenSecret();
        if (secret.isEmpty()) {
            secret = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32));
            log.warn("no POKER_TOKEN_SECRET: using a random one; session tokens will not survive a restart");
        }
        SessionTokens tokens = new SessionTokens(secret, config.tokenLifetimeSeconds());
        RequestDispatcher dispatcher = new RequestDispatcher(config, codec, accounts, tokens, tables, sessions,
                metrics, scheduler, workers, status::draining);
        port = http.start(config, status, metrics, tables, codec, workers, dispatcher);
        status.started();
        log.info("node {} listening on {}:{}", config.nodeId(), config.host(), port);
        return this;
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
        return accounts;
    }

    public PokerMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful shutdown: /health says draining, no new connections, clients are told to reconnect and
     * closed with 1001 (going away). Hands pause: every event is already durable, so a node that
     * starts on the same store resumes them.
     */
    @Override
    public void close() {
        status.drain();
        http.stopAccepting();
        String goodbye = codec.encode(new ServerMessage.Reconnect("node shutting down"));
        sessions.all().forEach(s -> s.sendAll(java.util.List.of(goodbye)));
        sessions.all().forEach(s -> s.closeGoingAway());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sessions.count() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        http.stop();
        actors.shutdown();
        workers.shutdown();
        try {
            actors.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
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
