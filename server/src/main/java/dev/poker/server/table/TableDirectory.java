package dev.poker.server.table;

import dev.poker.engine.AnteType;
import dev.poker.engine.Game;
import dev.poker.engine.Rake;
import dev.poker.engine.TableConfig;
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
import dev.poker.engine.TableState;
import dev.poker.server.store.StoredEvent;
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

    /**
     * @param workers for work that may block (the registry, the database)
     * @param balances hears when a table changed a player's balance
     */
    public TableDirectory(TableRegistry registry, TableCatalog catalog, String nodeId, TableFactory factory,
            Executor workers, java.util.function.Consumer<String> balances) {
        this.registry = registry;
        this.catalog = catalog;
        this.nodeId = nodeId;
        this.factory = factory;
        this.workers = workers;
        this.listener = new TableListener() {
            @Override
            public void stopped(TableActor table, String why) {
                log.warn("table {} stopped: {}", table.id(), why);
                remove(table);
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
        return new TableConfig(c.seats(), c.smallBlind(), c.bigBlind(), ante, anteType, c.minBuyIn(), c.maxBuyIn(),
                c.actionTimeMs() == null ? 15_000 : c.actionTimeMs(), c.timeBankMs() == null ? 30_000 : c.timeBankMs(),
                2, rake, c.game() == null ? Game.NO_LIMIT_HOLDEM : Game.ofWireName(c.game()));
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

    /**
     * Runs a table rebuilt from its log on this node.
     *
     * @param currentHand the events of the hand in progress (empty between hands)
     */
    public TableActor restore(String id, String name, TableState state, long lastSeq, List<StoredEvent> currentHand,
            long epoch) {
        TableActor actor = factory.start(new TableSetup(id, name, epoch, state, lastSeq, currentHand), listener);
        tables.put(id, actor);
        return actor;
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
