package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Lease;
import dev.poker.registry.TableRegistry;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.CatchUpQuery;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.table.TableHandle;
import dev.poker.server.table.Viewer;
import dev.poker.server.time.Scheduler;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a table wherever it runs: the actor when this node owns it, else (in a cluster) a
 * {@link RemoteTable} that forwards to the owner over the {@link NodeBus}. The owner's side of
 * forwarding is {@link ForwardedRequests}.
 *
 * <p>Concurrency: thread-safe. Requests waiting for an answer are in a concurrent map, each answered
 * or timed out exactly once (whoever removes it from the map).
 */
public final class TableRouter implements LocalViewers.CatchUpSource {
    private static final Logger log = LoggerFactory.getLogger(TableRouter.class);
    /** Table ids this node hands out: anything else is not a table. */
    private static final Pattern TABLE_ID = Pattern.compile("t[0-9a-f]{12}");

    /** What remote routing needs; null for a standalone node. */
    record Remote(TableRegistry registry, TableCatalog catalog, NodeBus bus, Scheduler scheduler, long timeoutMs) {}

    private final String nodeId;
    private final TableDirectory tables;
    private final Executor workers;
    private final PokerMetrics metrics;
    private volatile Remote remote;
    private final ConcurrentHashMap<String, RemoteTable> proxies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Someone waiting for a {@link BusMessage.Reply}. */
    private record Waiting(Consumer<BusMessage.Answer> onReply, Runnable onTimeout, Scheduler.Cancellable timer) {}

    public TableRouter(String nodeId, TableDirectory tables, Executor workers, PokerMetrics metrics) {
        this.nodeId = nodeId;
        this.tables = tables;
        this.workers = workers;
        this.metrics = metrics;
    }

    /** Joins the cluster's bus (once, when the node starts in a cluster). */
    void connect(Remote remote) {
        this.remote = remote;
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean clustered() {
        return remote != null;
    }

    /** The table, local or remote; empty when it cannot exist. Never blocks. */
    public Optional<TableHandle> find(String tableId) {
        Optional<TableActor> local = tables.find(tableId);
        if (local.isPresent()) {
            return Optional.of(local.get());
        }
        Remote r = remote;
        if (r == null || tableId == null || !TABLE_ID.matcher(tableId).matches()) {
            return Optional.empty();
        }
        return Optional.of(proxies.computeIfAbsent(tableId, id -> new RemoteTable(id, this)));
    }

    @Override
    public void catchUp(String tableId, CatchUpQuery query, Consumer<CatchUp> done) {
        Optional<TableHandle> t = find(tableId);
        if (t.isEmpty()) {
            done.accept(null);
        } else {
            t.get().catchUp(query, done);
        }
    }

    // ---- the forwarding side (used by RemoteTable) ----------------------------------------------

    Executor workers() {
        return workers;
    }

    Scheduler scheduler() {
        return remote.scheduler();
    }

    PokerMetrics metrics() {
        return metrics;
    }

    Optional<TableActor> local(String tableId) {
        return tables.find(tableId);
    }

    /** The owner of a table per the registry (blocking: call on a worker). */
    Optional<Lease> owner(String tableId) {
        return remote.registry().owner(tableId);
    }

    /** Whether the table exists at all (blocking: the catalog is in the database). */
    boolean exists(String tableId) {
        return remote.catalog().table(tableId).isPresent();
    }

    void forgetProxy(String tableId) {
        proxies.remove(tableId);
    }

    /** Sends a request to {@code node} and waits for its answer (or the timeout) without blocking. */
    void ask(String node, Function<String, BusMessage> request, Consumer<BusMessage.Answer> onReply,
            Runnable onTimeout) {
        Remote r = remote;
        String id = nodeId + "-" + ids.incrementAndGet();
        Scheduler.Cancellable timer = r.scheduler().schedule(r.timeoutMs(), () -> {
            Waiting w = waiting.remove(id);
            if (w != null) {
                w.onTimeout().run();
            }
        });
        waiting.put(id, new Waiting(onReply, onTimeout, timer));
        try {
            r.bus().send(node, request.apply(id));
        } catch (RuntimeException e) {
            Waiting w = waiting.remove(id);
            if (w != null) {
                w.timer().cancel();
                w.onTimeout().run();
            }
        }
    }

    /** An answer to one of this node's requests arrived. */
    void answered(BusMessage.Reply r) {
        Waiting w = waiting.remove(r.id());
        if (w != null) {
            w.timer().cancel();
            w.onReply().accept(r.answer());
        }
    }

    void tell(String node, BusMessage m) {
        try {
            remote.bus().send(node, m);
        } catch (RuntimeException e) {
            log.debug("bus message to {} not sent: {}", node, e.toString());
        }
    }

    /** Every connection of {@code account} on the other nodes gets {@code message}. */
    public void sendToAccount(String account, ServerMessage message) {
        Remote r = remote;
        if (r != null) {
            try {
                r.bus().broadcast(new BusMessage.ToAccount(nodeId, account, message));
            } catch (RuntimeException e) {
                log.debug("message for {} not broadcast: {}", account, e.toString());
            }
        }
    }

    /** Asks {@code node} to open a table (placement chose it); the answer goes to {@code answerTo}. */
    public void createOn(String node, ClientMessage.CreateTable c, Viewer answerTo) {
        ask(node, id -> new BusMessage.Create(id, nodeId, c), answer -> {
            if (answer instanceof BusMessage.Message m) {
                answerTo.reply(m.message());
            } else {
                answerTo.reply(error(c.id(), ErrorCode.STORE_UNAVAILABLE,
                        "The table could not be opened now; retry shortly.", null));
            }
        }, () -> answerTo.reply(error(c.id(), ErrorCode.NODE_UNREACHABLE,
                "The node chosen for the table did not answer in time; retry.", null)));
    }

    /** An error answered to a client, counted in {@code poker_errors_total}. */
    ServerMessage.Error error(String requestId, ErrorCode code, String message, String table) {
        metrics.error(code);
        return ServerMessage.Error.of(requestId, code, message, table);
    }
}
