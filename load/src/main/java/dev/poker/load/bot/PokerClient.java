package dev.poker.load.bot;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@code poker.v1} WebSocket client: sends {@link ClientMessage}s, decodes every server frame (partial
 * frames are accumulated until the last part) and hands each {@link ServerMessage} to a {@link Listener}
 * on the WebSocket's own thread, in arrival order.
 *
 * <p>Request/response: {@link #request} gives the message an id when it has none and returns a future
 * that completes with the answer carrying that id ({@code ack}, {@code welcome}, {@code tables},
 * {@code pong} or {@code error}); a {@code join} without {@code lastSeq} completes with the table's
 * {@code snapshot} instead (a snapshot carries no id), a resuming {@code join} with the ack, the snapshot
 * or the first replayed event. An error answer completes the future normally (inspect its code); the
 * future fails with {@link TimeoutException} after {@link Options#requestTimeout} and with
 * {@link ConnectionClosedException} when the connection is lost first.
 *
 * <p>Sequence numbers: the client records each watched table's last sequence number; an event that skips
 * numbers counts as a gap ({@link #gaps()}, {@link Listener#onGap}) and is still delivered; an event at or
 * below the last number (a replay overlap) is dropped and counted in {@link #duplicates()}.
 *
 * <p>Reconnect: on a {@code reconnect} message, or when the connection drops while
 * {@link Options#autoReconnect} is on and a token is known, the client connects again (with backoff),
 * resumes with {@code hello {token}} and re-joins every watched table with its last sequence number.
 * Until the server has answered the resume, nothing else goes out on the new connection: requests made in
 * the meantime are held and sent, in order, right after the re-joins (the server would refuse them with
 * {@code NOT_AUTHENTICATED}). A re-join refused with a retryable error ({@link ServerMessage.Error#retryable()},
 * e.g. {@code TABLE_MOVING}) or left unanswered is tried again after a jittered backoff (doubling from
 * {@value #REJOIN_BACKOFF_MS} ms, capped at {@value #REJOIN_BACKOFF_CAP_MS} ms) up to
 * {@link Options#rejoinAttempts} times ({@value #REJOIN_ATTEMPTS} by default) while the table stays watched;
 * only a final refusal reaches {@link Listener#onRejoinFailed}.
 *
 * <p>Concurrency: thread-safe. Sends are queued so that at most one is outstanding on the WebSocket (the
 * JDK requires it). Listener callbacks for one connection never overlap; after a reconnect the old
 * connection's last callbacks may still be running, so listeners should guard their state with a lock.
 * The message-handling layer ({@link #handle}) can be driven without a socket, for tests.
 */
public final class PokerClient implements AutoCloseable {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    /** Attempts at re-joining one table after a reconnect (retryable refusals and timeouts), by default. */
    static final int REJOIN_ATTEMPTS = 20;
    static final long REJOIN_BACKOFF_MS = 100;
    static final long REJOIN_BACKOFF_CAP_MS = 5_000;

    /** Opens a WebSocket to {@code uri} delivering to {@code listener}. */
    @FunctionalInterface
    public interface Connector {
        CompletableFuture<WebSocket> connect(URI uri, WebSocket.Listener listener);
    }

    /**
     * What the client gives its {@link Connector} as the listener also takes a whole server message that a
     * connector in between (the load generator's tap) has already decoded with {@link ProtocolCodec#decodeServer},
     * so that it is not decoded twice; a frame that did not decode is passed on as text.
     */
    public interface DecodedListener extends WebSocket.Listener {
        /** {@code message} is what {@link ProtocolCodec#decodeServer} made of one whole text message. */
        void onDecoded(WebSocket webSocket, ServerMessage message);
    }

    /** Receives what happens on the connection. Called on the WebSocket's thread; keep it quick. */
    public interface Listener {
        /** Every decoded server message, after sequence checks and before the request it answers completes. */
        void onMessage(PokerClient client, ServerMessage message);

        /** An event skipped sequence numbers: {@code expectedSeq} was due, {@code receivedSeq} came. */
        default void onGap(PokerClient client, String table, long expectedSeq, long receivedSeq) {}

        /** A connection opened (the first one, or one made by a reconnect). */
        default void onConnected(PokerClient client) {}

        /** A connection that had opened is gone; {@code reconnecting} when the client is reconnecting. */
        default void onDisconnected(PokerClient client, int statusCode, String reason, boolean reconnecting) {}

        /** A reconnect succeeded: the account is resumed and the watched tables are being re-joined. */
        default void onReconnected(PokerClient client, ServerMessage.Welcome welcome) {}

        /**
         * After a reconnect, re-joining {@code table} was refused for good (the table is gone, say, or a
         * retryable refusal lasted {@link Options#rejoinAttempts} attempts); it is no longer watched.
         */
        default void onRejoinFailed(PokerClient client, String table, ServerMessage.Error error) {}

        /**
         * Reconnecting failed {@link Options#maxReconnectAttempts} times in a row, or the server refused the
         * token ({@code lastError} is then a {@link RequestFailedException}); the client stays disconnected
         * until {@link #connect()} is called again.
         */
        default void onReconnectFailed(PokerClient client, Throwable lastError) {}

        /** A frame that is not a valid server message (ignored). */
        default void onBadFrame(PokerClient client, String frame, RuntimeException error) {}
    }

    /**
     * @param requestTimeout       how long {@link #request} waits for its answer
     * @param autoReconnect        reconnect (and resume) when the connection drops unexpectedly
     * @param maxReconnectAttempts attempts in a row before giving up
     * @param reconnectBackoff     delay before the second attempt, doubled each time (capped at 10 s);
     *                             the first attempt waits a random fraction of it
     * @param maxFrameChars        a larger text message closes the connection
     * @param rejoinAttempts       attempts at re-joining one table after a reconnect while the answer is a
     *                             retryable error or none (see the class doc)
     */
    public record Options(Duration requestTimeout, boolean autoReconnect, int maxReconnectAttempts,
            Duration reconnectBackoff, int maxFrameChars, int rejoinAttempts) {
        public Options {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
            if (requestTimeout.isNegative() || requestTimeout.isZero() || maxReconnectAttempts < 0
                    || reconnectBackoff.isNegative() || maxFrameChars < 1 || rejoinAttempts < 1) {
                throw new IllegalArgumentException("invalid client options");
            }
        }

        /**
         * 10 s requests, auto-reconnect up to 10 attempts from 200 ms, 4 Mi-character messages,
         * {@value PokerClient#REJOIN_ATTEMPTS} attempts at each re-join.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), true, 10, Duration.ofMillis(200), 4 << 20, REJOIN_ATTEMPTS);
        }

        public Options withRequestTimeout(Duration d) {
            return new Options(d, autoReconnect, maxReconnectAttempts, reconnectBackoff, maxFrameChars,
                    rejoinAttempts);
        }

        public Options withAutoReconnect(boolean on) {
            return new Options(requestTimeout, on, maxReconnectAttempts, reconnectBackoff, maxFrameChars,
                    rejoinAttempts);
        }

        public Options withReconnect(int attempts, Duration backoff) {
            return new Options(requestTimeout, autoReconnect, attempts, backoff, maxFrameChars, rejoinAttempts);
        }

        public Options withMaxFrameChars(int chars) {
            return new Options(requestTimeout, autoReconnect, maxReconnectAttempts, reconnectBackoff, chars,
                    rejoinAttempts);
        }

        public Options withRejoinAttempts(int attempts) {
            return new Options(requestTimeout, autoReconnect, maxReconnectAttempts, reconnectBackoff, maxFrameChars,
                    attempts);
        }
    }

    /** The connection was closed or lost before the answer came. */
    public static final class ConnectionClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        public ConnectionClosedException(String message) {
            super(message);
        }
    }

    /** A typed helper got an {@code error} answer. */
    public static final class RequestFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ServerMessage.Error error;

        public RequestFailedException(ServerMessage.Error error) {
            super(error.code() + ": " + error.message());
            this.error = error;
        }

        public ServerMessage.Error error() {
            return error;
        }

        public String code() {
            return error.code();
        }
    }

    private record Pending(ClientMessage request, CompletableFuture<ServerMessage> future) {}

    private final URI uri;
    private final Connector connector;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final Options options;

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicBoolean reconnecting = new AtomicBoolean();

    private volatile Connection current;
    private volatile boolean closing;
    private volatile String token;
    private volatile String account;
    private volatile Throwable lastListenerFailure;

    /**
     * @param scheduler runs reconnect backoff delays; shared, not owned (not shut down by {@link #close})
     */
    public PokerClient(URI uri, Connector connector, Listener listener, ScheduledExecutorService scheduler,
            Options options) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.options = Objects.requireNonNull(options, "options");
    }

    // ------------------------------------------------------------------ connection

    /** Opens the WebSocket; completes once it is open. */
    public CompletableFuture<Void> connect() {
        if (closing) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("client closed"));
        }
        return open(false).thenApply(c -> null);
    }

    /** @param resuming hold every send but the resume until {@link Connection#openGate} */
    private CompletableFuture<Connection> open(boolean resuming) {
        Connection c = new Connection(resuming);
        Connection previous = current;
        current = c;
        if (previous != null) {
            retire(previous, "replaced");
        }
        CompletableFuture<WebSocket> ws;
        try {
            ws = connector.connect(uri, c);
        } catch (RuntimeException e) {
            ws = CompletableFuture.failedFuture(e);
        }
        ws.whenComplete((socket, e) -> {
            if (e != null) {
                c.openGate(); // never opened: what waited for the resume fails
            }
        });
        return ws.thenApply(socket -> {
            c.attach(socket);
            if (closing || current != c) {
                lost(c, WebSocket.NORMAL_CLOSURE, "closed while connecting");
                socket.abort();
                throw new CompletionException(new ConnectionClosedException("client closed while connecting"));
            }
            return c;
        });
    }

    /** Whether a connection is open and not closing. */
    public boolean isOpen() {
        Connection c = current;
        return c != null && c.opened.get() && !c.lost.get() && !closing;
    }

    /**
     * Connects again now and resumes: closes the current connection, opens a new one, sends
     * {@code hello {token}} and re-joins every watched table with its last sequence number. Requests in
     * flight on the old connection fail with {@link ConnectionClosedException}.
     */
    public CompletableFuture<ServerMessage.Welcome> reconnect() {
        String t = token;
        if (t == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no token yet: say hello first"));
        }
        if (closing) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("client closed"));
        }
        reconnects.incrementAndGet();
        return open(true).thenCompose(c -> resume(t).whenComplete((w, e) -> {
            if (e != null) {
                if (current == c) {
                    retire(c, "resume failed");
                }
                c.openGate(); // the held sends fail: the connection is gone
            }
        }).thenApply(w -> {
            for (String table : watched) {
                rejoin(c, table, 1);
            }
            c.openGate();
            call(() -> listener.onReconnected(this, w));
            return w;
        }));
    }

    /** Re-joins {@code table} on the resumed connection {@code c}; retries retryable refusals (see the class doc). */
    private void rejoin(Connection c, String table, int attempt) {
        if (closing || current != c || c.lost.get() || !watched.contains(table)) {
            return; // a newer connection re-joins it, or it is no longer wanted
        }
        request(new ClientMessage.Join(null, table, lastSeq.get(table)), true).whenComplete((a, e) -> {
            boolean retryable = a instanceof ServerMessage.Error err ? err.retryable()
                    : e != null && unwrap(e) instanceof TimeoutException;
            if (retryable && attempt < options.rejoinAttempts()) {
                long cap = Math.min(REJOIN_BACKOFF_CAP_MS, REJOIN_BACKOFF_MS << Math.min(attempt - 1, 16));
                long delay = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
                try {
                    scheduler.schedule(() -> rejoin(c, table, attempt + 1), delay, TimeUnit.MILLISECONDS);
                    return;
                } catch (RejectedExecutionException stopped) {
                    // the scheduler is shut down: report the refusal below
                }
            }
            if (a instanceof ServerMessage.Error err) {
                watched.remove(table);
                lastSeq.remove(table);
                call(() -> listener.onRejoinFailed(this, table, err));
            }
        });
    }

    private void scheduleReconnect(long delayMs, int attempt, Throwable lastError) {
        if (closing) {
            reconnecting.set(false);
            return;
        }
        if (attempt > options.maxReconnectAttempts()) {
            reconnecting.set(false);
            call(() -> listener.onReconnectFailed(this, lastError));
            return;
        }
        scheduler.schedule(() -> {
            if (closing) {
                reconnecting.set(false);
                return;
            }
            reconnect().whenComplete((w, e) -> {
                Throwable cause = e == null ? null : unwrap(e);
                if (e == null) {
                    reconnecting.set(false);
                } else if (cause instanceof RequestFailedException rf && !rf.error().retryable()) {
                    // the server refused the token: trying again will not help
                    reconnecting.set(false);
                    call(() -> listener.onReconnectFailed(this, cause));
                } else {
                    long next = Math.min(10_000, options.reconnectBackoff().toMillis() << Math.min(attempt - 1, 16));
                    scheduleReconnect(next + ThreadLocalRandom.current().nextLong(next / 4 + 1), attempt + 1,
                            unwrap(e));
                }
            });
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void startReconnecting(Throwable why) {
        if (closing || token == null || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        long first = ThreadLocalRandom.current().nextLong(options.reconnectBackoff().toMillis() + 1);
        scheduleReconnect(first, 1, why);
    }

    /** Closes the connection cleanly (close frame, then abort after 2 s). Idempotent. */
    public CompletableFuture<Void> closeAsync() {
        closing = true;
        Connection c = current;
        if (c == null || c.ws == null || c.lost.get()) {
            if (c != null) {
                lost(c, WebSocket.NORMAL_CLOSURE, "closed");
            }
            return CompletableFuture.completedFuture(null);
        }
        enqueue(c, ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        return c.closed.completeOnTimeout(null, 2, TimeUnit.SECONDS).thenRun(() -> {
            if (!c.lost.get()) {
                c.ws.abort();
                lost(c, WebSocket.NORMAL_CLOSURE, "closed");
            }
        });
    }

    /** {@link #closeAsync()}, waiting up to 3 s. */
    @Override
    public void close() {
        try {
            closeAsync().get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Connection c = current;
            if (c != null && c.ws != null) {
                c.ws.abort();
                lost(c, 1006, "close failed");
            }
        }
    }

    // ------------------------------------------------------------------ sending

    /** A fresh request id (unique within this client). */
    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /**
     * Sends a message as is (no correlation). Completes when the frame is handed to the socket; fails
     * with {@link ConnectionClosedException} when there is no open connection.
     */
    public CompletableFuture<Void> send(ClientMessage message) {
        return send(message, false);
    }

    /** @param beforeResume send even on a connection whose resume is not answered yet (the resume itself) */
    private CompletableFuture<Void> send(ClientMessage message, boolean beforeResume) {
        track(message);
        String text = CODEC.encode(message);
        Connection c = current;
        if (c == null || closing) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("not connected"));
        }
        return c.whenResumed(beforeResume, () -> enqueue(c, ws -> ws.sendText(text, true)));
    }

    /** Sends {@code message} (given an id when it has none) and waits for its answer; see the class doc. */
    public CompletableFuture<ServerMessage> request(ClientMessage message) {
        return request(message, false);
    }

    private CompletableFuture<ServerMessage> request(ClientMessage message, boolean beforeResume) {
        ClientMessage m = message.id() == null ? withId(message, nextId()) : message;
        Pending p = new Pending(m, new CompletableFuture<>());
        if (pending.putIfAbsent(m.id(), p) != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request id in use: " + m.id()));
        }
        p.future.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(m.id(), p));
        send(m, beforeResume).whenComplete((v, e) -> {
            if (e != null) {
                p.future.completeExceptionally(unwrap(e));
            }
        });
        return p.future;
    }

    private void track(ClientMessage m) {
        if (m instanceof ClientMessage.Join j && j.table() != null) {
            watched.add(j.table());
        } else if (m instanceof ClientMessage.Unwatch u && u.table() != null) {
            watched.remove(u.table());
        }
    }

    /** {@code hello {name}}: a new guest account. Fails with {@link RequestFailedException} on an error. */
    public CompletableFuture<ServerMessage.Welcome> hello(String name) {
        return request(new ClientMessage.Hello(null, name, null)).thenApply(a -> expect(a, ServerMessage.Welcome.class));
    }

    /** {@code hello {token}}: resumes an account. */
    public CompletableFuture<ServerMessage.Welcome> resume(String resumeToken) {
        return request(new ClientMessage.Hello(null, null, resumeToken), true)
                .thenApply(a -> expect(a, ServerMessage.Welcome.class));
    }

    /** The lobby. */
    public CompletableFuture<List<TableSummary>> listTables() {
        return request(new ClientMessage.ListTables(null)).thenApply(a -> {
            List<TableSummary> tables = expect(a, ServerMessage.Tables.class).tables();
            return tables == null ? List.of() : tables;
        });
    }

    /** Creates a table; completes with its id (the ack's {@code table}). */
    public CompletableFuture<String> createTable(ClientMessage.CreateTable table) {
        return request(table).thenApply(a -> {
            ServerMessage.Ack ack = expect(a, ServerMessage.Ack.class);
            if (ack.table() == null) {
                throw new IllegalStateException("create_table ack without a table id");
            }
            return ack.table();
        });
    }

    /** Watches a table; completes with its snapshot. */
    public CompletableFuture<ServerMessage.Snapshot> join(String table) {
        return request(new ClientMessage.Join(null, table, null))
                .thenApply(a -> expect(a, ServerMessage.Snapshot.class));
    }

    /** Stops watching a table (forgets its sequence number). */
    public CompletableFuture<ServerMessage> unwatch(String table) {
        CompletableFuture<ServerMessage> f = request(new ClientMessage.Unwatch(null, table));
        lastSeq.remove(table);
        return f;
    }

    /**
     * {@code answer} as {@code type}; an error answer throws {@link RequestFailedException}, anything else
     * {@link IllegalStateException}.
     */
    public static <T extends ServerMessage> T expect(ServerMessage answer, Class<T> type) {
        if (type.isInstance(answer)) {
            return type.cast(answer);
        }
        if (answer instanceof ServerMessage.Error e) {
            throw new RequestFailedException(e);
        }
        throw new IllegalStateException("expected " + type.getSimpleName() + ", got " + answer);
    }

    /** {@code m} with its id replaced by {@code id}. */
    public static ClientMessage withId(ClientMessage m, String id) {
        if (m instanceof ClientMessage.Hello x) {
            return new ClientMessage.Hello(id, x.name(), x.token());
        } else if (m instanceof ClientMessage.ListTables) {
            return new ClientMessage.ListTables(id);
        } else if (m instanceof ClientMessage.CreateTable x) {
            return new ClientMessage.CreateTable(id, x.name(), x.seats(), x.smallBlind(), x.bigBlind(), x.ante(),
                    x.anteType(), x.minBuyIn(), x.maxBuyIn(), x.actionTimeMs(), x.timeBankMs(), x.rakeBasisPoints(),
                    x.rakeCap(), x.game());
        } else if (m instanceof ClientMessage.Join x) {
            return new ClientMessage.Join(id, x.table(), x.lastSeq());
        } else if (m instanceof ClientMessage.Unwatch x) {
            return new ClientMessage.Unwatch(id, x.table());
        } else if (m instanceof ClientMessage.Sit x) {
            return new ClientMessage.Sit(id, x.table(), x.seat(), x.buyIn(), x.postBigBlind());
        } else if (m instanceof ClientMessage.Act x) {
            return new ClientMessage.Act(id, x.table(), x.hand(), x.action(), x.amount(), x.actionId());
        } else if (m instanceof ClientMessage.SitOut x) {
            return new ClientMessage.SitOut(id, x.table());
        } else if (m instanceof ClientMessage.SitIn x) {
            return new ClientMessage.SitIn(id, x.table(), x.waitForBigBlind());
        } else if (m instanceof ClientMessage.TopUp x) {
            return new ClientMessage.TopUp(id, x.table(), x.amount());
        } else if (m instanceof ClientMessage.Leave x) {
            return new ClientMessage.Leave(id, x.table());
        } else if (m instanceof ClientMessage.Ping x) {
            return new ClientMessage.Ping(id, x.t());
        }
        throw new IllegalArgumentException("unknown message " + m);
    }

    private CompletableFuture<Void> enqueue(Connection c, Function<WebSocket, CompletableFuture<WebSocket>> op) {
        synchronized (c) {
            CompletableFuture<Void> f = c.sendTail.handle((v, e) -> null).thenCompose(v -> {
                WebSocket ws = c.ws;
                if (c.lost.get() || ws == null || ws.isOutputClosed()) {
                    return CompletableFuture.failedFuture(new ConnectionClosedException("connection closed"));
                }
                try {
                    return op.apply(ws).thenApply(w -> (Void) null);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
            c.sendTail = f;
            return f;
        }
    }

    // ------------------------------------------------------------------ receiving

    /** One complete text message from the server (decodes it and calls {@link #handle}). */
    void onFrame(String text) {
        ServerMessage m;
        try {
            m = CODEC.decodeServer(text);
        } catch (RuntimeException e) {
            badFrames.incrementAndGet();
            call(() -> listener.onBadFrame(this, text, e));
            return;
        }
        handle(m);
    }

    /**
     * Handles one decoded server message: sequence bookkeeping, the listener, then the request it answers.
     * Package-private so tests can drive the client without a socket.
     */
    void handle(ServerMessage m) {
        if (m instanceof ServerMessage.Event e) {
            if (!trackSeq(e)) {
                return;
            }
        } else if (m instanceof ServerMessage.Snapshot s) {
            lastSeq.put(s.table(), s.seq());
        } else if (m instanceof ServerMessage.Welcome w) {
            if (w.token() != null) {
                token = w.token();
            }
            if (w.account() != null) {
                account = w.account();
            }
        }
        call(() -> listener.onMessage(this, m));
        correlate(m);
        if (m instanceof ServerMessage.Reconnect) {
            startReconnecting(new ConnectionClosedException("server asked to reconnect"));
        }
    }

    private boolean trackSeq(ServerMessage.Event e) {
        if (e.table() == null) {
            return true;
        }
        Long prev = lastSeq.get(e.table());
        if (prev != null) {
            if (e.seq() <= prev) {
                duplicates.incrementAndGet();
                return false;
            }
            if (e.seq() != prev + 1) {
                gaps.incrementAndGet();
                long expected = prev + 1;
                call(() -> listener.onGap(this, e.table(), expected, e.seq()));
            }
        }
        lastSeq.put(e.table(), e.seq());
        return true;
    }

    private void correlate(ServerMessage m) {
        String id = null;
        if (m instanceof ServerMessage.Ack a) {
            id = a.id();
        } else if (m instanceof ServerMessage.Error e) {
            id = e.id();
        } else if (m instanceof ServerMessage.Welcome w) {
            id = w.id();
        } else if (m instanceof ServerMessage.Tables t) {
            id = t.id();
        } else if (m instanceof ServerMessage.Pong p) {
            id = p.id();
        } else if (m instanceof ServerMessage.Snapshot s) {
            completeJoins(s.table(), m, false);
            return;
        } else if (m instanceof ServerMessage.Event e) {
            completeJoins(e.table(), m, true);
            return;
        }
        if (id == null) {
            return;
        }
        Pending p = pending.get(id);
        if (p == null) {
            return;
        }
        if (m instanceof ServerMessage.Ack && p.request instanceof ClientMessage.Join j && j.lastSeq() == null) {
            return; // a fresh join answers with its snapshot
        }
        if (m instanceof ServerMessage.Error e && p.request instanceof ClientMessage.Join j
                && !(e.retryable() && j.lastSeq() != null)) {
            watched.remove(j.table()); // a refused join watches nothing (a re-join decides after its retries)
        }
        if (pending.remove(id, p)) {
            p.future.complete(m);
        }
    }

    private void completeJoins(String table, ServerMessage m, boolean resumingOnly) {
        if (table == null) {
            return;
        }
        List<Pending> done = new ArrayList<>(1);
        for (Pending p : pending.values()) {
            if (p.request instanceof ClientMessage.Join j && table.equals(j.table())
                    && (!resumingOnly || j.lastSeq() != null)) {
                done.add(p);
            }
        }
        for (Pending p : done) {
            if (pending.remove(p.request.id(), p)) {
                p.future.complete(m);
            }
        }
    }

    private void lost(Connection c, int status, String reason) {
        if (!c.lost.compareAndSet(false, true)) {
            return;
        }
        boolean wasCurrent = current == c;
        if (wasCurrent) {
            failPending("connection lost: " + status + " " + reason);
        }
        boolean reconnect = wasCurrent && !closing && options.autoReconnect() && token != null;
        if (c.opened.get()) {
            boolean willReconnect = reconnect || reconnecting.get();
            call(() -> listener.onDisconnected(this, status, reason, willReconnect && !closing));
        }
        c.closed.complete(null);
        if (reconnect) {
            startReconnecting(new ConnectionClosedException(status + " " + reason));
        }
    }

    /** Drops a connection on purpose (it is being replaced): no automatic reconnect from it. */
    private void retire(Connection c, String reason) {
        if (!c.lost.compareAndSet(false, true)) {
            return;
        }
        failPending("connection " + reason);
        if (c.opened.get()) {
            call(() -> listener.onDisconnected(this, WebSocket.NORMAL_CLOSURE, reason, !closing));
        }
        c.closed.complete(null);
        WebSocket ws = c.ws;
        if (ws != null) {
            ws.abort();
        }
    }

    private void failPending(String why) {
        for (Pending p : List.copyOf(pending.values())) {
            if (pending.remove(p.request.id(), p)) {
                p.future.completeExceptionally(new ConnectionClosedException(why));
            }
        }
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
            lastListenerFailure = e;
        }
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ------------------------------------------------------------------ state

    /** The resume token from the last welcome, or null. */
    public String token() {
        return token;
    }

    /** The account id from the last welcome, or null. */
    public String account() {
        return account;
    }

    /** The last sequence number seen of {@code table}, or null. */
    public Long lastSeq(String table) {
        return lastSeq.get(table);
    }

    /** Forgets every watched table and its sequence number (before starting over as a new account). */
    public void forgetTables() {
        watched.clear();
        lastSeq.clear();
    }

    /** Tables joined and not unwatched (re-joined on reconnect). */
    public Set<String> watched() {
        return Set.copyOf(watched);
    }

    /** Events that skipped sequence numbers. */
    public long gaps() {
        return gaps.get();
    }

    /** Events dropped because their sequence number was already seen. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Frames that did not decode. */
    public long badFrames() {
        return badFrames.get();
    }

    /** Reconnect attempts made. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Exceptions thrown by the listener (swallowed so the connection keeps going). */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    public Throwable lastListenerFailure() {
        return lastListenerFailure;
    }

    /** Requests still waiting for their answer. */
    public int pendingRequests() {
        return pending.size();
    }

    public URI uri() {
        return uri;
    }

    // ------------------------------------------------------------------ one WebSocket

    /** One WebSocket connection: accumulates partial text frames and reports its end once. */
    final class Connection implements DecodedListener {
        final AtomicBoolean opened = new AtomicBoolean();
        /** Sends waiting for the resume's answer, in order; null once the gate is open. Guarded by this. */
        private List<Runnable> held;
        final AtomicBoolean lost = new AtomicBoolean();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket ws;
        CompletableFuture<Void> sendTail = CompletableFuture.completedFuture(null);

        Connection(boolean resuming) {
            held = resuming ? new ArrayList<>() : null;
        }

        /** Runs {@code send} now, or once the resume is answered when this connection still waits for it. */
        CompletableFuture<Void> whenResumed(boolean beforeResume, Supplier<CompletableFuture<Void>> send) {
            synchronized (this) {
                if (held == null || beforeResume) {
                    return send.get();
                }
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.add(() -> send.get().whenComplete((v, e) -> {
                    if (e != null) {
                        f.completeExceptionally(unwrap(e));
                    } else {
                        f.complete(null);
                    }
                }));
                return f;
            }
        }

        /** The resume is answered (or failed): sends the held messages in order; later ones go straight out. */
        synchronized void openGate() {
            List<Runnable> waiting = held;
            held = null;
            if (waiting != null) {
                waiting.forEach(Runnable::run);
            }
        }

        void attach(WebSocket socket) {
            ws = socket;
            if (opened.compareAndSet(false, true)) {
                call(() -> listener.onConnected(PokerClient.this));
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            attach(webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (lost.get()) {
                return null;
            }
            if (last && partial.length() == 0) {
                onFrame(data.toString());
            } else {
                partial.append(data);
                if (partial.length() > options.maxFrameChars()) {
                    partial.setLength(0);
                    badFrames.incrementAndGet();
                    webSocket.sendClose(1009, "message too big");
                    lost(this, 1009, "message too big");
                    webSocket.abort();
                    return null;
                }
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    onFrame(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onDecoded(WebSocket webSocket, ServerMessage message) {
            if (lost.get()) {
                return;
            }
            handle(message);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // poker.v1 is text only
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(this, statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(this, 1006, String.valueOf(error));
        }
    }
}
