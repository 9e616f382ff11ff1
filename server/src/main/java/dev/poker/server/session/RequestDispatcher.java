package dev.poker.server.session;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.Names;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.server.NodeConfig;
import dev.poker.server.account.Account;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.SessionTokens;
import dev.poker.server.logging.LogKeys;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.protocol.TableSummary;
import dev.poker.server.cluster.TableRouter;
import dev.poker.server.table.CatchUpQuery;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.TableRequest;
import dev.poker.server.table.TableHandle;
import dev.poker.server.table.Viewer;
import dev.poker.server.time.Scheduler;
import dev.poker.server.trace.TableOf;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import dev.poker.server.trace.Tracing;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Routes each decoded client message: account work to the worker pool (it may touch the database),
 * table work to the table's actor, lobby reads answered at once. Runs on the connection's event loop
 * and never blocks it.
 *
 * <p>Concurrency: stateless apart from its collaborators, which are thread-safe; one instance serves
 * every connection.
 */
public final class RequestDispatcher implements SessionHandle {
    private final NodeConfig config;
    private final ProtocolCodec codec;
    private final Accounts accounts;
    private final SessionTokens tokens;
    private final TableRouter tables;
    private final LocalViewers viewers;
    private final Supplier<List<TableSummary>> lobby;
    private final TableOpener opener;
    private final Sessions sessions;
    private final PokerMetrics metrics;
    private final Scheduler scheduler;
    private final Executor workers;
    private final BooleanSupplier draining;
    private final Tracing tracing;

    /** Opens a table for a create_table request, here or on the node placement chooses; answers {@code to}. */
    @FunctionalInterface
    public interface TableOpener {
        void open(ClientMessage.CreateTable c, Viewer to);
    }

    public RequestDispatcher(NodeConfig config, ProtocolCodec codec, Accounts accounts, SessionTokens tokens,
            TableRouter tables, LocalViewers viewers, Supplier<List<TableSummary>> lobby, TableOpener opener,
            Sessions sessions, PokerMetrics metrics, Scheduler scheduler, Executor workers, BooleanSupplier draining,
            Tracing tracing) {
        this.tracing = tracing;
        this.config = config;
        this.codec = codec;
        this.accounts = accounts;
        this.tokens = tokens;
        this.tables = tables;
        this.viewers = viewers;
        this.lobby = lobby;
        this.opener = opener;
        this.sessions = sessions;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.workers = workers;
        this.draining = draining;
    }

    public NodeConfig config() {
        return config;
    }

    @Override
    public ClientSession open(io.netty.channel.Channel channel) {
        ClientSession s = new ClientSession(channel, sessions.nextOrigin(), codec, viewers, config.messagesPerSecond(),
                config.messageBurst(), config.slowReaderGraceMs(), config.writeHighWaterMark());
        if (sessions.opened(s) > config.maxConnections()) {
            // handshakes that raced past the check at the upgrade: over the limit, so this one goes
            s.close(WebSocketCloseStatus.TRY_AGAIN_LATER, "over capacity; retry");
        }
        return s;
    }

    @Override
    public void slowReader(ClientSession s) {
        s.slowReader();
    }

    @Override
    public void closed(ClientSession s) {
        sessions.closed(s);
        for (String tableId : s.watching) {
            viewers.remove(tableId, s);
            tables.find(tableId).ifPresent(t -> t.left(s.accountId()));
        }
        s.watching.clear();
    }

    /** Handles one text frame. */
    @Override
    public void onFrame(ClientSession s, String text) {
        long start = System.nanoTime();
        LogKeys.account(s.accountId());
        try {
            if (!s.admit(start)) {
                if (s.abusive(start, config.abuseLimit())) {
                    s.close(WebSocketCloseStatus.POLICY_VIOLATION, "rate limit exceeded persistently");
                    return;
                }
                Decoded limited = codec.decodeClient(text);
                String rid = limited instanceof Decoded.Ok ok ? ok.message().id()
                        : ((Decoded.Bad) limited).id();
                metrics.requestRejected(limited instanceof Decoded.Ok ok ? ok.message() : null);
                send(s, error(rid, ErrorCode.RATE_LIMITED, "Too many messages: at most "
                        + config.messagesPerSecond() + " per second; slow down and retry.", null));
                return;
            }
            Decoded d = codec.decodeClient(text);
            if (d instanceof Decoded.Bad bad) {
                metrics.requestRejected(null);
                send(s, error(bad.id(), bad.code(), bad.message(), null));
                return;
            }
            metrics.requestAccepted(((Decoded.Ok) d).message());
            dispatch(s, ((Decoded.Ok) d).message(), start);
        } finally {
            metrics.messageHandled(System.nanoTime() - start);
            LogKeys.noAccount();
        }
    }

    @Override
    public void onBinaryFrame(ClientSession s) {
        send(s, error(null, ErrorCode.INVALID_MESSAGE, "Only text frames carry messages.", null));
    }

    /**
     * Routes a message under its request span (when traced): current while routing here; it ends when the
     * table answers a table request, else when routing returns.
     */
    private void dispatch(ClientSession s, ClientMessage m, long receivedNanos) {
        TraceSpan span = tracing.request(m, s.accountId());
        try (TraceScope scope = span.enter()) {
            route(s, m, receivedNanos, span);
        } finally {
            span.dispatched();
        }
    }

    private void route(ClientSession s, ClientMessage m, long receivedNanos, TraceSpan span) {
        if (m instanceof ClientMessage.Ping p) {
            send(s, new ServerMessage.Pong(p.id(), p.t(), scheduler.nowMillis()));
        } else if (m instanceof ClientMessage.Hello h) {
            hello(s, h);
        } else if (m instanceof ClientMessage.ListTables l) {
            send(s, new ServerMessage.Tables(l.id(), lobby.get()));
        } else if (s.accountId() == null) {
            send(s, error(m.id(), ErrorCode.NOT_AUTHENTICATED, "Say hello first (a name or a session token).",
                    null));
        } else if (m instanceof ClientMessage.CreateTable c) {
            createTable(s, c);
        } else if (m instanceof ClientMessage.Join j) {
            withTable(s, j.id(), j.table(), t -> watch(s, t, j.lastSeq(), j.id()));
        } else if (m instanceof ClientMessage.Unwatch u) {
            withTable(s, u.id(), u.table(), t -> {
                if (s.watching.remove(t.id())) {
                    viewers.remove(t.id(), s);
                    t.left(s.accountId());
                }
                send(s, new ServerMessage.Ack(u.id(), t.id(), null));
            });
        } else {
            String table = tableOf(m);
            if (draining.getAsBoolean() && m instanceof ClientMessage.Sit) {
                send(s, error(m.id(), ErrorCode.DRAINING, "This node is draining; reconnect to take a seat.", table));
                return;
            }
                withTable(s, m.id(), table, t -> {
                if (m instanceof ClientMessage.Sit && !s.watching.contains(t.id())) {
                    watch(s, t, null, null); // taking a seat means watching the table
                }
                t.request(new TableRequest(span.answering(s), s.accountId(), s.name(), m, receivedNanos,
                        s.watching.contains(t.id()), span.trace()));
            });
        }
    }

    private void hello(ClientSession s, ClientMessage.Hello h) {
        if (s.accountId() != null || s.helloPending) {
            send(s, error(h.id(), ErrorCode.ALREADY_AUTHENTICATED, "This connection already has an account"
                    + (s.helloPending ? " on its way" : "") + ".", null));
            return;
        }
        s.helloPending = true;
        long now = scheduler.nowMillis();
        CompletableFuture.supplyAsync(() -> {
            if (h.token() != null && !h.token().isBlank()) {
                Optional<String> id = tokens.verify(h.token(), now);
                return id.flatMap(accounts::find);
            }
            return Optional.of(accounts.createGuest(Names.normalize(h.name())));
        }, workers).whenComplete((account, failure) -> s.channel().eventLoop().execute(() -> {
            s.helloPending = false;
            if (failure != null) {
                send(s, error(h.id(), ErrorCode.STORE_UNAVAILABLE, "Accounts are unavailable; retry shortly.", null));
            } else if (account.isEmpty()) {
                send(s, error(h.id(), ErrorCode.INVALID_TOKEN, "The session token is invalid or expired.", null));
            } else if (s.accountId() == null) {
                Account a = account.get();
                s.authenticate(a.id(), a.name());
                sessions.authenticated(s, a.id());
                send(s, new ServerMessage.Welcome(h.id(), a.id(), a.name(), a.balance(), tokens.issue(a.id(), now),
                        config.nodeId()));
            }
        }));
    }

    private void createTable(ClientSession s, ClientMessage.CreateTable c) {
        if (draining.getAsBoolean()) {
            send(s, error(c.id(), ErrorCode.DRAINING, "This node is draining; reconnect to open a table.", null));
            return;
        }
        opener.open(c, s);
    }

    /**
     * Starts sending a table to a connection: the owner's catch-up (missed events, or a snapshot) first,
     * then the live events after it. A connection already watching just gets an ack.
     */
    private void watch(ClientSession s, TableHandle t, Long lastSeq, String requestId) {
        long watch = s.watching.add(t.id()) ? viewers.begin(t.id(), s) : 0;
        if (watch == 0) {
            if (requestId != null) {
                send(s, new ServerMessage.Ack(requestId, t.id(), null));
            }
            return;
        }
        t.catchUp(new CatchUpQuery(s.accountId(), lastSeq, requestId, true), c -> {
            if (c != null && !c.isRefused()) {
                viewers.caughtUp(t.id(), s, watch, c);
                return;
            }
            if (!viewers.remove(t.id(), s, watch)) {
                return; // the connection left and joined again meanwhile: the new join answers
            }
            s.channel().eventLoop().execute(() -> {
                s.watching.remove(t.id());
                if (c != null) {
                    s.reply(c.refusal()); // the owner's refusal, e.g. TABLE_NOT_FOUND
                } else {
                    send(s, error(requestId, ErrorCode.TABLE_MOVING,
                            "The table could not be reached (it may be moving to another node); join again.", t.id()));
                }
            });
        });
    }

    private void withTable(ClientSession s, String requestId, String tableId,
            java.util.function.Consumer<TableHandle> action) {
        Optional<TableHandle> t = tables.find(tableId);
        if (t.isEmpty()) {
            send(s, error(requestId, ErrorCode.TABLE_NOT_FOUND, "There is no table '" + tableId + "'.", tableId));
        } else {
            action.accept(t.get());
        }
    }

    private static String tableOf(ClientMessage m) {
        String table = TableOf.message(m);
        if (table == null) {
            throw new IllegalArgumentException("not a table message: " + m);
        }
        return table;
    }

    private ServerMessage.Error error(String id, ErrorCode code, String message, String table) {
        metrics.error(code);
        Tracing.markError(code);
        return ServerMessage.Error.of(id, code, message, table);
    }

    private void send(ClientSession s, ServerMessage m) {
        s.reply(m);
    }
}
