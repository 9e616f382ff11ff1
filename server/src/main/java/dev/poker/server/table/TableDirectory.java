package dev.poker.server.table;

import dev.poker.engine.AnteType;
import dev.poker.engine.Game;
import dev.poker.engine.Rake;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableState;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.registry.Lease;
import dev.poker.registry.TableRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import dev.poker.server.store.TableCatalog;

/**
 * The tables this node runs: creating them (claiming each in the registry), finding them, and the
 * lobby.
 *
 * <p>Concurrency: thread-safe; the map of tables is concurrent and each table is an actor.
 */
public final class TableDirectory {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TableDirectory.class);
    private final ConcurrentHashMap<String, TableActor> tables = new ConcurrentHashMap<>();
    private final TableRegistry registry;
    private final String nodeId;
    private final TableFactory factory;
    private final Executor workers;
    private final TableCatalog catalog;
    private final TableListener listener;
    private final SecureRandom random = new SecureRandom();
    private final TableReloads reloads;

    /**
     * @param workers for work that may block (the registry, the database)
     * @param rebuilder reads a table back from its log (to reload one whose memory diverged from it)
     * @param balances hears when a table changed a player's balance
     */
    public TableDirectory(TableRegistry registry, TableCatalog catalog, String nodeId, TableFactory factory,
            Executor workers, TableRebuilder rebuilder, java.util.function.Consumer<String> balances) {
        this.registry = registry;
        this.catalog = catalog;
        this.nodeId = nodeId;
        this.factory = factory;
        this.workers = workers;
        this.reloads = rebuilder == null ? null : new TableReloads(nodeId, registry, catalog, rebuilder,
                factory.metrics(), new TableReloads.Tables() {
                    @Override
                    public boolean replace(TableActor stale, TableRebuilder.Rebuilt rebuilt, long epoch) {
                        TableActor fresh = start(rebuilt, epoch);
                        if (tables.replace(stale.id(), stale, fresh)) {
                            return true;
                        }
                        fresh.relinquish("replaced while reloading");
                        return false;
                    }

                    @Override
                    public void remove(TableActor stale) {
                        TableDirectory.this.remove(stale);
                    }

                    @Override
                    public long nowMs() {
                        return factory.scheduler().nowMillis();
                    }
                });
        this.listener = new TableListener() {
            @Override
            public void stopped(TableActor table, String why) {
                log.warn("table {} stopped: {}", table.id(), why);
                if (why.startsWith("internal error")) {
                    reloads.stoppedFor(table.id(), why);
                }
                remove(table);
            }

            @Override
            public void diverged(TableActor table) {
                workers.execute(() -> reloads.reload(table));
            }

            @Override
            public void balanceChanged(String account) {
                balances.accept(account);
            }
        };
    }

    /** The engine's rules for a create_table request (validated by the protocol first). */
    public static TableConfig configOf(ClientMessage.CreateTable c) {
        long ante = c.ante() == null ? 0 : c.ante();
        AnteType anteType = c.anteType() == null ? (ante > 0 ? AnteType.PER_PLAYER : AnteType.NONE)
                : AnteType.valueOf(c.anteType().toUpperCase(Locale.ROOT));
        Rake rake = new Rake(c.rakeBasisPoints() == null ? 0 : c.rakeBasisPoints(), c.rakeCap() == null ? 0 : c.rakeCap());
        long timeBankMs = c.timeBankMs() == null ? 30_000 : c.timeBankMs();
        return new TableConfig(c.seats(), c.smallBlind(), c.bigBlind(), ante, anteType, c.minBuyIn(), c.maxBuyIn(),
                c.actionTimeMs() == null ? 15_000 : c.actionTimeMs(), timeBankMs, 2, rake, TableRules.straddle(c),
                TableRules.buttonRule(c), TableRules.timeBankRefill(c, timeBankMs),
                c.game() == null ? Game.NO_LIMIT_HOLDEM : Game.ofWireName(c.game()));
    }

    /**
     * Opens a new table on this node: claims it in the registry, records it in the catalog (off the
     * caller's thread), then starts its actor. Completes empty when the registry gives it to no one.
     */
    public CompletableFuture<Optional<TableActor>> create(String name, TableConfig config) {
        String id = newId();
        return CompletableFuture.supplyAsync(() -> {
            // the registry may be Redis and the catalog is the database: both off the caller's thread
            Optional<Lease> lease = registry.claim(id, nodeId);
            if (lease.isEmpty()) {
                return Optional.empty();
            }
            long epoch = lease.get().epoch();
            catalog.register(id, name, config, nodeId, epoch);
            TableActor actor = factory.start(new TableSetup(id, name, epoch, new TableState(config), 0, List.of()),
                    listener);
            tables.put(id, actor);
            return Optional.of(actor);
        }, workers);
    }

    /** Runs a table rebuilt from its log on this node, taken over at {@code epoch}. */
    public TableActor restore(TableRebuilder.Rebuilt rebuilt, long epoch) {
        TableActor actor = start(rebuilt, epoch);
        tables.put(actor.id(), actor);
        return actor;
    }

    private TableActor start(TableRebuilder.Rebuilt b, long epoch) {
        TableActor actor = factory.start(new TableSetup(b.record().tableId(), b.record().name(), epoch, b.state(),
                b.lastSeq(), b.currentHand()), listener);
        actor.knowNames(b.names());
        if (reloads != null) {
            reloads.running(actor.id());
        }
        return actor;
    }

    /**
     * For {@code /health}: tables of this node that are paused now, and tables stopped here recently for a
     * reason other than moving (being reloaded, reload failed, internal error).
     */
    public List<NotServing> notServing() {
        List<NotServing> out = new ArrayList<>(reloads == null ? List.of() : reloads.recent());
        for (TableActor t : tables.values()) {
            NotServing p = t.pause();
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public Optional<TableActor> find(String tableId) {
        return Optional.ofNullable(tables.get(tableId));
    }

    /** Forgets a table (it stopped); its lease goes back to the registry. */
    public void remove(TableActor table) {
        tables.remove(table.id(), table);
        registry.release(table.id(), nodeId);
    }

    public Collection<TableActor> all() {
        return tables.values();
    }

    public int size() {
        return tables.size();
    }

    /** The lobby: every table, busiest first. */
    public List<TableSummary> lobby() {
        List<TableSummary> out = new ArrayList<>(tables.size());
        for (TableActor t : tables.values()) {
            out.add(t.summary());
        }
        out.sort(Comparator.comparingInt(TableSummary::players).reversed().thenComparing(TableSummary::id));
        return out;
    }

    public int seatedPlayers() {
        int n = 0;
        for (TableActor t : tables.values()) {
            n += t.seatedPlayers();
        }
        return n;
    }

    private String newId() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return "t" + java.util.HexFormat.of().formatHex(b);
    }
}
