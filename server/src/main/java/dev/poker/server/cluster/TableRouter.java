package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Lease;
import dev.poker.server.metrics.PokerMetrics;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds a table wherever it runs: the actor when this node owns it, else (in a cluster) a
 * {@link RemoteTable} that forwards to the owner over the {@link NodeBus} ({@link BusRequests}). The
 * owner's side of forwarding is {@link ForwardedRequests}.
 *
 * <p>Concurrency: thread-safe; the proxies are in a concurrent map.
 */
public final class TableRouter implements LocalViewers.CatchUpSource {
    /** Table ids this node hands out: anything else is not a table. */
    private static final Pattern TABLE_ID = Pattern.compile("t[0-9a-f]{12}");

    private final String nodeId;
    private final TableDirectory tables;
    private final Executor workers;
    private final PokerMetrics metrics;
    /** The way to other nodes; null for a standalone node. */
    private final ClusterLink remote;
    private final ConcurrentHashMap<String, RemoteTable> proxies = new ConcurrentHashMap<>();

    /** {@code remote}: the cluster link, or null for a standalone node. */
    public TableRouter(String nodeId, TableDirectory tables, Executor workers, PokerMetrics metrics,
            ClusterLink remote) {
        this.nodeId = nodeId;
        this.tables = tables;
        this.workers = workers;
        this.metrics = metrics;
        this.remote = remote;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The table, local or remote; empty when it cannot exist. Never blocks. */
    public Optional<TableHandle> find(String tableId) {
        Optional<TableActor> local = tables.find(tableId);
        if (local.isPresent()) {
            return Optional.of(local.get());
        }
        if (remote == null || tableId == null || !TABLE_ID.matcher(tableId).matches()) {
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
        return remote.requests().scheduler();
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
        remote.requests().ask(node, request, onReply, onTimeout);
    }

    void tell(String node, BusMessage m) {
        remote.requests().tell(node, m);
    }

    /** Every connection of {@code account} on the other nodes gets {@code message}. */
    public void sendToAccount(String account, ServerMessage message) {
        if (remote != null) {
            remote.requests().broadcast(new BusMessage.ToAccount(nodeId, account, message));
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
