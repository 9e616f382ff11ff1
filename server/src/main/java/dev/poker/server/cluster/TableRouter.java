package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Lease;
import dev.poker.registry.TableRegistry;
import dev.poker.server.ErrorCode;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.table.TableHandle;
import dev.poker.server.table.Viewer;
import dev.poker.server.time.Scheduler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a table wherever it runs: the actor when this node owns it, else (in a cluster) a
 * {@link RemoteTable} that forwards to the owner over the {@link NodeBus}. Also the owner's side of
 * forwarding: it runs requests and catch-ups that other nodes send for the tables it owns, and
 * answers them.
 *
 * <p>Concurrency: thread-safe. Requests waiting for an answer are in a concurrent map, each answered
 * or timed out exactly once (whoever removes it from the map).
 */
public final class TableRouter implements LocalViewers.CatchUpSource {
    private static final Logger log = LoggerFactory.getLogger(TableRouter.class);
    /** Table ids this node hands out: anything else is not a table. */
    private static final Pattern TABLE_ID = Pattern.compile("t[0-9a-f]{12}");

    /** What remote routing needs; null for a standalone node. */
    record Remote(TableRegistry registry, TableCatalog catalog, NodeBus bus, Scheduler scheduler,
            long timeoutMs) {}

    private final String nodeId;
    private final TableDirectory tables;
    private final ProtocolCodec codec;
    private final Executor workers;
    private final PokerMetrics metrics;
    private volatile Remote remote;
    private final ConcurrentHashMap<String, RemoteTable> proxies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile CreateHandler creator;

    /** Someone waiting for a {@link BusMessage.Reply}. */
    private record Waiting(Consumer<BusMessage.Reply> onReply, Runnable onTimeout, Scheduler.Cancellable timer) {}

    /** Opens a table on this node for a create request forwarded by another node. */
    @FunctionalInterface
    public interface CreateHandler {
        void create(ClientMessage.CreateTable c, Consumer<ServerMessage> answer);
    }

    public TableRouter(String nodeId, TableDirectory tables, ProtocolCodec codec, Executor workers,
            PokerMetrics metrics) {
        this.nodeId = nodeId;
        this.tables = tables;
        this.codec = codec;
        this.workers = workers;
        this.metrics = metrics;
    }

    private volatile LocalViewers viewers;

    /** The node's viewers: a forwarded request's ack waits until its events reached the requester. */
    public void viewers(LocalViewers viewers) {
        this.viewers = viewers;
    }

    /**
     * Sends the owner's answer to {@code to}: an ack of events not yet delivered to this connection waits
     * for them (at most a second), so it never overtakes them, as on the owner's node.
     */
    void answer(String tableId, Viewer to, List<String> frames) {
        LocalViewers v = viewers;
        if (v != null && frames.size() == 1 && frames.get(0).startsWith("{\"type\":\"ack\"")
                && codec.decodeServer(frames.get(0)) instanceof ServerMessage.Ack ack && ack.seq() != null) {
            java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable send = () -> {
                if (sent.compareAndSet(false, true)) {
                    to.sendAll(frames);
                }
            };
            Remote r = remote;
            if (r != null) {
                r.scheduler().schedule(1_000, send);
            }
            v.whenDelivered(tableId, to, ack.seq(), send);
            return;
        }
        to.sendAll(frames);
    }

    void connect(Remote remote) {
        this.remote = remote;
    }

    public void onCreate(CreateHandler creator) {
        this.creator = creator;
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
    public void catchUp(String tableId, String account, Long lastSeq, Consumer<LocalViewers.CatchUp> done) {
        Optional<TableHandle> t = find(tableId);
        if (t.isEmpty()) {
            done.accept(null);
        } else {
            t.get().catchUp(account, lastSeq, null, false, done);
        }
    }

    // ---- the forwarding side (used by RemoteTable) ----------------------------------------------

    Executor workers() {
        return workers;
    }

    Scheduler scheduler() {
        return remote.scheduler();
    }

    ProtocolCodec codec() {
        return codec;
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

    /** Sends a request to {@code node} and waits for its reply (or the timeout) without blocking. */
    void ask(String node, java.util.function.Function<String, BusMessage> request, Consumer<BusMessage.Reply> onReply,
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

    void tell(String node, BusMessage m) {
        try {
            remote.bus().send(node, m);
        } catch (RuntimeException e) {
            log.debug("bus message to {} not sent: {}", node, e.toString());
        }
    }

    /** Every connection of {@code account} on any node gets {@code frame}. */
    public void sendToAccount(String account, String frame) {
        Remote r = remote;
        if (r != null) {
            try {
                r.bus().broadcast(new BusMessage.ToAccount(nodeId, account, frame));
            } catch (RuntimeException e) {
                log.debug("frame for {} not broadcast: {}", account, e.toString());
            }
        }
    }

    /** Where frames for accounts of this node go: (account, frame). */
    void deliverAccountFramesTo(java.util.function.BiConsumer<String, String> sink) {
        this.accountSink = sink;
    }

    private volatile java.util.function.BiConsumer<String, String> accountSink = (a, f) -> { };

    /** Asks {@code node} to open a table (placement chose it). */
    public void createOn(String node, ClientMessage.CreateTable c, Viewer answerTo) {
        String message = codec.encode(c);
        ask(node, id -> new BusMessage.Create(id, nodeId, c.id(), message),
                reply -> answerTo.sendAll(reply.frames() == null ? List.of(codec.encode(new ServerMessage.Error(c.id(),
                        ErrorCode.STORE_UNAVAILABLE, "The table could not be opened now; retry shortly.", true, null)))
                        : reply.frames()),
                () -> answerTo.send(codec.encode(new ServerMessage.Error(c.id(), ErrorCode.NODE_UNREACHABLE,
                        "The node chosen for the table did not answer in time; retry.", true, null))));
    }

    // ---- messages from other nodes ---------------------------------------------------------------

    /** A bus message for this node (on a dispatch thread: nothing here blocks). */
    void onMessage(BusMessage m) {
        if (m instanceof BusMessage.Reply r) {
            Waiting w = waiting.remove(r.id());
            if (w != null) {
                w.timer().cancel();
                w.onReply().accept(r);
            }
        } else if (m instanceof BusMessage.Forward f) {
            forwarded(f);
        } else if (m instanceof BusMessage.CatchUpRequest c) {
            Optional<TableActor> t = tables.find(c.table());
            if (t.isEmpty()) {
                tell(c.from(), new BusMessage.Reply(c.id(), null, null, ErrorCode.NOT_OWNER));
            } else {
                t.get().catchUp(c.account(), c.lastSeq(), c.requestId(), c.joining(), up -> tell(c.from(),
                        up == null ? new BusMessage.Reply(c.id(), null, null, ErrorCode.TABLE_CLOSED)
                                : new BusMessage.Reply(c.id(), up.frames(), up.at(), null)));
            }
        } else if (m instanceof BusMessage.Left l) {
            tables.find(l.table()).ifPresent(t -> t.left(l.account()));
        } else if (m instanceof BusMessage.ToAccount a) {
            if (!a.from().equals(nodeId)) {
                accountSink.accept(a.account(), a.frame());
            }
        } else if (m instanceof BusMessage.Create c) {
            created(c);
        }
    }

    private void forwarded(BusMessage.Forward f) {
        Optional<TableActor> t = tables.find(f.table());
        if (t.isEmpty()) {
            tell(f.from(), new BusMessage.Reply(f.id(), null, null, ErrorCode.NOT_OWNER));
            return;
        }
        Decoded d = codec.decodeClient(f.message());
        if (!(d instanceof Decoded.Ok ok)) {
            tell(f.from(), new BusMessage.Reply(f.id(), List.of(codec.encode(new ServerMessage.Error(null,
                    ErrorCode.INVALID_MESSAGE, "The forwarded message did not decode.", false, f.table()))), null,
                    null));
            return;
        }
        t.get().request(new ReplyTo(f.from(), f.id(), f.account()), f.account(), f.name(), ok.message(),
                System.nanoTime());
    }

    private void created(BusMessage.Create c) {
        CreateHandler h = creator;
        Decoded d = codec.decodeClient(c.message());
        if (h == null || !(d instanceof Decoded.Ok ok) || !(ok.message() instanceof ClientMessage.CreateTable ct)) {
            tell(c.from(), new BusMessage.Reply(c.id(), null, null, ErrorCode.INVALID_MESSAGE));
            return;
        }
        h.create(ct, answer -> tell(c.from(), new BusMessage.Reply(c.id(), List.of(codec.encode(answer)), null,
                null)));
    }

    /** The answer to a forwarded request goes back to the node that forwarded it. */
    private final class ReplyTo implements Viewer {
        private final String node;
        private final String id;
        private final String account;

        ReplyTo(String node, String id, String account) {
            this.node = node;
            this.id = id;
            this.account = account;
        }

        @Override
        public String accountId() {
            return account;
        }

        @Override
        public void sendAll(List<String> frames) {
            tell(node, new BusMessage.Reply(id, frames, null, null));
        }
    }
}
