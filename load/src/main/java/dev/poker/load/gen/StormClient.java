package dev.poker.load.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.poker.load.bot.NettyWebSocketClient;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ProtocolCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The storm's connections to one URL: each connection is started at its slot of the arrival schedule
 * (by {@link #run()}, on its own thread), does the upgrade (subprotocol {@code poker.v1}) through the shared
 * {@link NettyWebSocketClient}, says {@code hello}, then asks {@code list_tables} and {@code ping}, and stays
 * open until {@link #closeAll}.
 *
 * <p>Why not the bot library's {@code PokerClient}: the storm needs no requests, sequence checks or
 * reconnects, only what happened to each connection and when, so a connection here is a small
 * {@link WebSocket.Listener}, cheap enough for thousands of handshakes a second.
 *
 * <p>Concurrency: {@link #run()} starts connections and sweeps for unanswered ones on its thread; each
 * connection's callbacks come on its event-loop thread; a connection's state is guarded by its monitor.
 * {@link #closeAll} and {@link #stop} may be called from any thread. The {@link Events} are called on the
 * event-loop threads and the run thread, never after {@link #closeAll}.
 */
final class StormClient implements Runnable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final JsonFactory JSON = new JsonFactory();

    /** What happens to connection {@code i}; times are {@link System#nanoTime()}. */
    interface Events {
        void started(int i, long now);

        void opened(int i, long now);

        /** The handshake got an HTTP answer other than 101. */
        void refused(int i, int status, long now);

        /** No HTTP answer: refused, reset, or timed out ({@code detail} says which). */
        void connectFailed(int i, String detail, long now);

        /** welcome, tables and pong have all come. */
        void served(int i, long now);

        void errorAnswer(int i, String code, boolean retryable, long now);

        void noAnswer(int i, long now);

        /** The connection ended without us closing it (after opening); {@code code} 1006 when without a close frame. */
        void closed(int i, int code, long now);
    }

    private final NettyWebSocketClient client;
    private final URI uri;
    private final int[] ids;
    private final long[] slots;
    private final Events events;
    private final Queue<Conn> live = new ConcurrentLinkedQueue<>();
    private volatile Thread runner;
    private volatile boolean closeRequested;
    private volatile boolean stopRequested;
    private volatile int next;

    /**
     * @param ids   the connections' numbers (as the {@link Events} report them)
     * @param slots when each connection is due ({@link System#nanoTime()} values, ascending)
     */
    StormClient(NettyWebSocketClient client, URI uri, int[] ids, long[] slots, Events events) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the storm needs a ws:// or wss:// URL, not " + uri);
        }
        if (ids.length != slots.length) {
            throw new IllegalArgumentException("one slot per id");
        }
        this.client = client;
        this.uri = uri;
        this.ids = ids.clone();
        this.slots = slots.clone();
        this.events = events;
    }

    /** Ends every connection (close frame, then the socket) and the run. */
    void closeAll() {
        closeRequested = true;
        LockSupport.unpark(runner);
    }

    /** Stops starting new connections (the run is over). */
    void stop() {
        stopRequested = true;
        LockSupport.unpark(runner);
    }

    /** Connections started so far (read from any thread: approximate). */
    int started() {
        return next;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        long lastSweep = System.nanoTime();
        try {
            while (!closeRequested) {
                long now = System.nanoTime();
                while (!stopRequested && !closeRequested && next < slots.length && slots[next] - now <= 0) {
                    start(ids[next++], now);
                    now = System.nanoTime();
                }
                if (now - lastSweep > SWEEP_NANOS) {
                    sweep(now);
                    lastSweep = now;
                }
                long waitNanos = SWEEP_NANOS;
                if (!stopRequested && next < slots.length) {
                    waitNanos = Math.min(waitNanos, slots[next] - now);
                }
                if (waitNanos > 0 && !closeRequested) {
                    LockSupport.parkNanos(this, waitNanos);
                }
            }
        } finally {
            closeRequested = true;
            for (Conn c : live) {
                c.shutdown();
            }
        }
    }

    private void start(int i, long now) {
        events.started(i, now);
        Conn c = new Conn(i);
        live.add(c);
        client.connect(uri, ProtocolCodec.SUBPROTOCOL, CONNECT_TIMEOUT, c).whenComplete((ws, e) -> {
            if (e != null) {
                c.failed(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        });
    }

    private void sweep(long now) {
        for (Conn c : live) {
            c.checkAnswered(now);
        }
        live.removeIf(Conn::ended);
    }

    /**
     * The {@code hello} of a new session, without a {@code token} field at all (the codec would write
     * {@code "token":null}), as a first-time client sends it.
     */
    static String hello(int i) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "hello");
            g.writeStringField("id", "h");
            g.writeStringField("name", "storm" + (i + 1));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String describe(Throwable e) {
        if (e instanceof NettyWebSocketClient.HandshakeTimeoutException) {
            return "HANDSHAKE_TIMEOUT";
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof io.netty.channel.ConnectTimeoutException) {
            return "CONNECT_TIMEOUT";
        }
        if (e instanceof NettyWebSocketClient.ClosedDuringUpgradeException) {
            return "CLOSED_DURING_HANDSHAKE";
        }
        if (e instanceof ConnectException) {
            return "CONNECTION_REFUSED";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("reset")) {
            return "CONNECTION_RESET";
        }
        if (m.contains("broken pipe")) {
            return "BROKEN_PIPE";
        }
        return e.getClass().getSimpleName();
    }

    /** One connection of the storm; its state is guarded by its monitor. */
    private final class Conn implements WebSocket.Listener {
        final int i;
        WebSocket ws;
        boolean answering; // open, and hello, list_tables and ping not all answered
        boolean welcomed;
        boolean tables;
        boolean pong;
        long waitingSince;
        boolean over; // its end was reported (or the storm is closing): no more events

        Conn(int i) {
            this.i = i;
        }

        synchronized boolean ended() {
            return over;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                ws = webSocket;
                if (closeRequested || over) {
                    over = true;
                    webSocket.abort();
                    return;
                }
                long now = System.nanoTime();
                events.opened(i, now);
                answering = true;
                waitingSince = now;
            }
            webSocket.sendText(hello(i), true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            FrameFields f = FrameFields.scan(data.toString());
            String type = f.type();
            String id = f.id();
            boolean askMore = false;
            synchronized (this) {
                if (over || !answering) {
                    return null;
                }
                long now = System.nanoTime();
                if ("error".equals(type)) {
                    answering = false;
                    events.errorAnswer(i, String.valueOf(f.code()), f.retryable(false), now);
                    return null;
                }
                if ("welcome".equals(type) && "h".equals(id) && !welcomed) {
                    welcomed = true;
                    waitingSince = now;
                    askMore = true;
                } else if ("tables".equals(type) && "t".equals(id)) {
                    tables = true;
                } else if ("pong".equals(type) && "p".equals(id)) {
                    pong = true;
                }
                if (welcomed && tables && pong) {
                    answering = false;
                    events.served(i, now);
                }
            }
            if (askMore) {
                webSocket.sendText(CODEC.encode(new ClientMessage.ListTables("t")), true);
                webSocket.sendText(CODEC.encode(new ClientMessage.Ping("p", System.currentTimeMillis())), true);
            }
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(statusCode);
            return null;
        }

        @Override
        public synchronized void onError(WebSocket webSocket, Throwable error) {
            end(1006);
        }

        private void end(int code) {
            if (!over && !closeRequested) {
                over = true;
                answering = false;
                events.closed(i, code, System.nanoTime());
            }
            over = true;
        }

        /** The connection or its upgrade failed. */
        synchronized void failed(Throwable e) {
            if (over || closeRequested) {
                over = true;
                return;
            }
            over = true;
            long now = System.nanoTime();
            if (e instanceof NettyWebSocketClient.UpgradeRefusedException r) {
                events.refused(i, r.status(), now);
            } else {
                events.connectFailed(i, describe(e), now);
            }
        }

        synchronized void checkAnswered(long now) {
            if (!over && answering && now - waitingSince > ANSWER_TIMEOUT_NANOS) {
                answering = false;
                events.noAnswer(i, now);
            }
        }

        /** The storm is over: a close frame (1000), then the socket; nothing more is reported. */
        void shutdown() {
            WebSocket w;
            synchronized (this) {
                over = true;
                w = ws;
            }
            if (w != null) {
                w.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((x, e) -> w.abort());
            }
        }
    }
}
