package dev.poker.server;

import dev.poker.engine.deck.DeckSource;
import dev.poker.registry.Fanout;
import dev.poker.registry.InProcessFanout;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.registry.RedisConnections;
import dev.poker.registry.RedisFanout;
import dev.poker.registry.RedisTableRegistry;
import dev.poker.registry.TableRegistry;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.server.cluster.BatchCodec;
import java.time.Duration;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.metrics.StoreMeters;
import dev.poker.server.store.Database;
import dev.poker.server.store.Durability;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.InMemoryEventStore;
import dev.poker.server.store.InMemoryTableCatalog;
import dev.poker.server.store.JdbcAccounts;
import dev.poker.server.store.JdbcEventStore;
import dev.poker.server.store.JdbcTableCatalog;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.table.TableBatch;
import dev.poker.server.time.Scheduler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a node runs on: its store, accounts, catalog, registry and fan-out, and the pools they use.
 * {@link #standalone} opens the configured database (PostgreSQL, or embedded H2 by default);
 * {@link #cluster} uses the shared PostgreSQL and Redis of a cluster; {@link #inMemory} keeps
 * everything in memory (tests).
 *
 * <p>Concurrency: the parts are thread-safe; {@link #close} is called once.
 */
public record NodeParts(NodeConfig config, Scheduler scheduler, EventStore store, Accounts accounts,
        TableCatalog catalog, DeckSource decks, TableRegistry registry, Fanout<TableBatch> fanout,
        PrometheusMeterRegistry meters, ExecutorService workers, Database database, Redis redis)
        implements AutoCloseable {

    /** A cluster node's Redis: the connections, the table leases and the fan-out of table events. */
    public record Redis(RedisConnections connections, RedisTableRegistry registry, RedisFanout<TableBatch> fanout) {}

    /** Standalone (in-process registry) or cluster (Redis) parts, as {@code config} says. */
    public static NodeParts of(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        return config.clustered() ? cluster(config, scheduler, decks) : standalone(config, scheduler, decks);
    }

    /**
     * A node of a cluster: the shared PostgreSQL audit log, Redis for leases and fan-out.
     *
     * @throws IllegalArgumentException when the configuration cannot work in a cluster
     * @throws dev.poker.registry.RegistryUnavailableException when Redis cannot be reached
     */
    public static NodeParts cluster(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        if (!config.dbUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a cluster node needs the shared PostgreSQL audit log: set POKER_DB_URL"
                    + " to jdbc:postgresql://… (got '" + config.dbUrl() + "')");
        }
        if (config.tokenSecret().isEmpty()) {
            throw new IllegalArgumentException("the nodes of a cluster must share POKER_TOKEN_SECRET (16+ characters),"
                    + " or a session token from one node is refused by the others");
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RedisConnections redis = RedisConnections.connect(config.cluster().redisUrl(), REDIS_COMMAND_TIMEOUT,
                StoreMeters.redisLatency(meters));
        ExecutorService workers = newWorkers();
        Database db;
        try {
            db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir(), 16,
                    Durability.of(config.unsafeDurability()));
        db.meterWith(meters);
        } catch (RuntimeException e) {
            redis.close();
            workers.shutdown();
            throw e;
        }
        RedisTableRegistry registry = new RedisTableRegistry(redis, Duration.ofMillis(config.cluster().leaseTtlMs()));
        BatchCodec batches = new BatchCodec(new ProtocolCodec());
        // a table's own viewers get its events on the actor's thread, before the requester's ack
        RedisFanout<TableBatch> fanout = new RedisFanout<>(redis, batches::encode, batches::decode).deliverLocallyInline();
        return new NodeParts(config, scheduler, new JdbcEventStore(db, 2, meters),
                new JdbcAccounts(db, config.guestBalance(), workers), new JdbcTableCatalog(db), decks, registry,
                fanout, meters, workers, db, new Redis(redis, registry, fanout));
    }

    /** Redis commands that take longer fail (the lease keeper's timing depends on it). */
    public static final Duration REDIS_COMMAND_TIMEOUT = Duration.ofMillis(300);

    public static NodeParts standalone(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ExecutorService workers = newWorkers();
        Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir(), 16,
                    Durability.of(config.unsafeDurability()));
        db.meterWith(meters);
        return new NodeParts(config, scheduler, new JdbcEventStore(db, 2, meters),
                new JdbcAccounts(db, config.guestBalance(), workers), new JdbcTableCatalog(db), decks,
                new InProcessTableRegistry(), new InProcessFanout<>(), meters, workers, db, null);
    }

    public static NodeParts inMemory(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        InMemoryAccounts accounts = new InMemoryAccounts(config.guestBalance());
        InMemoryEventStore store = new InMemoryEventStore(accounts);
        return new NodeParts(config, scheduler, store, accounts, new InMemoryTableCatalog(store), decks,
                new InProcessTableRegistry(), new InProcessFanout<>(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), newWorkers(), null, null);
    }

    static ExecutorService newWorkers() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "poker-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        if (redis != null) {
            redis.fanout().close();
            redis.connections().close();
        }
        if (database != null) {
            database.close();
        }
    }
}
