package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client for end-to-end tests: records every frame it receives (raw and decoded)
 * and waits for the ones a test expects.
 *
 * <p>Concurrency: frames arrive on the JDK client's thread; the lists are guarded by this object.
 */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final AtomicInteger IDS = new AtomicInteger();

    public final List<String> raw = new ArrayList<>();
    public final List<ServerMessage> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;
    public volatile int closeCode = -1;
    public volatile String account;
    public volatile String token;
    private volatile java.util.function.Consumer<ServerMessage> listener = m -> { };

    private WsTestClient(URI uri, String subprotocol) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocol != null) {
            b.subprotocols(subprotocol);
        }
        ws = b.buildAsync(uri, this).join();
    }

    public static WsTestClient connect(int port) {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), ProtocolCodec.SUBPROTOCOL);
    }

    public static WsTestClient connect(int port, String subprotocol) {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), subprotocol);
    }

    /** Connects and says hello as a new guest. */
    public static WsTestClient guest(int port, String name) {
        WsTestClient c = connect(port);
        ServerMessage.Welcome w = c.request(new ClientMessage.Hello(nextId(), name, null), ServerMessage.Welcome.class);
        c.account = w.account();
        c.token = w.token();
        return c;
    }

    public static String nextId() {
        return "r" + IDS.incrementAndGet();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            ServerMessage m = CODEC.decodeServer(text);
            synchronized (this) {
                raw.add(text);
                messages.add(m);
                notifyAll();
            }
            listener.accept(m);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (closeCode < 0) {
                closeCode = 1006;
            }
            notifyAll();
        }
    }

    /** Called on the receiving thread for every message, after it is recorded. */
    public void onMessage(java.util.function.Consumer<ServerMessage> l) {
        listener = l;
    }

    /** Sends without waiting for the send to complete (safe from the receiving thread). */
    public void sendAsync(ClientMessage m) {
        synchronized (ws) {
            ws.sendText(CODEC.encode(m), true);
        }
    }

    public void send(ClientMessage m) {
        sendRaw(CODEC.encode(m));
    }

    public void sendRaw(String text) {
        CompletableFuture<WebSocket> f;
        synchronized (ws) {
            f = ws.sendText(text, true);
        }
        f.join();
    }

    /** Sends a message with a fresh id and waits for the answer of that id of the given type. */
    public <T extends ServerMessage> T request(ClientMessage m, Class<T> type) {
        String id = idOf(m);
        send(m);
        ServerMessage answer = await(x -> id.equals(idOf(x)));
        assertThat(answer).as("answer to %s", m).isInstanceOf(type);
        return type.cast(answer);
    }

    /** Waits for the first message (received at any time) matching, up to 5 s. */
    public synchronized ServerMessage await(Predicate<ServerMessage> p) {
        return awaitFrom(0, p);
    }

    public synchronized ServerMessage awaitFrom(int index, Predicate<ServerMessage> p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int i = index;
        while (true) {
            for (; i < messages.size(); i++) {
                if (p.test(messages.get(i))) {
                    return messages.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message; got " + raw);
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a table event of this kind. */
    public <T extends GameEvent> T awaitEvent(Class<T> kind, Predicate<T> p) {
        ServerMessage m = await(x -> x instanceof ServerMessage.Event e && kind.isInstance(e.event())
                && p.test(kind.cast(e.event())));
        return kind.cast(((ServerMessage.Event) m).event());
    }

    public synchronized void awaitClose() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closeCode < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("connection did not close");
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public synchronized List<ServerMessage> snapshot() {
        return new ArrayList<>(messages);
    }

    public synchronized <T extends GameEvent> List<T> events(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (ServerMessage m : messages) {
            if (m instanceof ServerMessage.Event e && kind.isInstance(e.event())) {
                out.add(kind.cast(e.event()));
            }
        }
        return out;
    }

    /** The sequence number of the last table event received for a table. */
    public synchronized long lastSeq(String table) {
        long last = 0;
        for (ServerMessage m : messages) {
            if (m instanceof ServerMessage.Event e && e.table().equals(table)) {
                last = e.seq();
            } else if (m instanceof ServerMessage.Snapshot s && s.table().equals(table)) {
                last = s.seq();
            }
        }
        return last;
    }

    static String idOf(Object m) {
        if (m instanceof ClientMessage c) {
            return c.id();
        }
        if (m instanceof ServerMessage.Welcome x) {
            return x.id();
        }
        if (m instanceof ServerMessage.Ack x) {
            return x.id();
        }
        if (m instanceof ServerMessage.Error x) {
            return x.id();
        }
        if (m instanceof ServerMessage.Tables x) {
            return x.id();
        }
        if (m instanceof ServerMessage.Pong x) {
            return x.id();
        }
        return null;
    }

    /** Drops the connection without a close handshake (a network failure, as the server sees it). */
    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        ws.abort();
    }

    public CompletableFuture<WebSocket> ping() {
        return ws.sendPing(java.nio.ByteBuffer.allocate(0));
    }
}
