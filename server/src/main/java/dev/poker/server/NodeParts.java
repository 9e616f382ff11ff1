package dev.poker.server;

import dev.poker.engine.deck.DeckSource;
import dev.poker.registry.Fanout;
import dev.poker.registry.InProcessFanout;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.registry.TableRegistry;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.store.Database;
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
 * {@link #inMemory} keeps everything in memory (tests).
 *
 * <p>Concurrency: the parts are thread-safe; {@link #close} is called once.
 */
public record NodeParts(NodeConfig config, Scheduler scheduler, EventStore store, Accounts accounts,
        TableCatalog catalog, DeckSource decks, TableRegistry registry, Fanout<TableBatch> fanout,
        PrometheusMeterRegistry meters, ExecutorService workers, Database database) implements AutoCloseable {

    public static NodeParts standalone(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ExecutorService workers = newWorkers();
        Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir(), 16);
        return new NodeParts(config, scheduler, new JdbcEventStore(db, 2, meters),
                new JdbcAccounts(db, config.guestBalance(), workers), new JdbcTableCatalog(db), decks,
                new InProcessTableRegistry(), new InProcessFanout<>(), meters, workers, db);
    }

    public static NodeParts inMemory(NodeConfig config, Scheduler scheduler, DeckSource decks) {
        InMemoryAccounts accounts = new InMemoryAccounts(config.guestBalance());
        InMemoryEventStore store = new InMemoryEventStore(accounts);
        return new NodeParts(config, scheduler, store, accounts, new InMemoryTableCatalog(store), decks,
                new InProcessTableRegistry(), new InProcessFanout<>(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), newWorkers(), null);
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
        if (database != null) {
            database.close();
        }
    }
}
