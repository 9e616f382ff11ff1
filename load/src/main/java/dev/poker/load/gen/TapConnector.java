package dev.poker.load.gen;

import dev.poker.load.bot.NettyWebSocketClient;
import dev.poker.load.bot.PokerClient;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The WebSocket connector of one simulated player: opens real WebSockets (subprotocol {@code poker.v1},
 * with the bot library's {@link NettyWebSocketClient}: {@link Opener}) and puts a tap between the socket and the
 * bot's client, so that the
 * {@link TrafficTap} sees every frame in both directions with its time.
 *
 * <p>Each server frame is decoded once, here, with the protocol's {@link ProtocolCodec}: the tap reads its
 * fields from the typed {@link ServerMessage} and hands that message on to the bot's client
 * ({@link PokerClient.DecodedListener}), which does not decode it again.
 *
 * <p>Think time lives here, not in the bot: a {@code your_turn} is observed the moment it arrives, then
 * handed to the bot after the player's think time (drawn from {@link ThinkTime}), and the bot answers at
 * once. So the tap knows exactly when each action was meant to be sent, and a load generator that falls
 * behind (a late timer, a busy thread) cannot hide its lateness from the latency figures. While a prompt
 * is held, later frames of the same connection queue behind it, so the bot sees them in order (at a
 * table nothing else moves while a player is to act).
 *
 * <p>Failover: each connect picks the player's node from its URL list, moving to the next one after a
 * failed attempt (the URL the bot's client asks for is ignored).
 *
 * <p>Concurrency: thread-safe. Frames are observed on the WebSocket's thread; deliveries to the bot's
 * listener are serialized per connection (on the WebSocket's thread, or on the scheduler after a think
 * time) and never overlap.
 */
final class TapConnector implements PokerClient.Connector {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    /** Opens one real WebSocket (subprotocol {@code poker.v1}) delivering to {@code listener}. */
    @FunctionalInterface
    interface Opener {
        CompletableFuture<WebSocket> open(URI uri, Duration connectTimeout, WebSocket.Listener listener);

        /** The bot library's Netty client ({@code ws://} and {@code wss://}). */
        static Opener of(NettyWebSocketClient client) {
            return (uri, timeout, listener) -> client.connect(uri, ProtocolCodec.SUBPROTOCOL, timeout, listener);
        }
    }

    private final Opener opener;
    private final Duration connectTimeout;
    private final TrafficTap tap;
    private final TrafficTap.PlayerTap player;
    private final ThinkTime think;
    private final ScheduledExecutorService scheduler;
    private final Random random;
    private final LongSupplier clock;

    TapConnector(Opener opener, Duration connectTimeout, TrafficTap tap, TrafficTap.PlayerTap player, ThinkTime think,
            ScheduledExecutorService scheduler, long seed) {
        this(opener, connectTimeout, tap, player, think, scheduler, seed, System::nanoTime);
    }

    TapConnector(Opener opener, Duration connectTimeout, TrafficTap tap, TrafficTap.PlayerTap player, ThinkTime think,
            ScheduledExecutorService scheduler, long seed, LongSupplier clock) {
        this.opener = opener;
        this.connectTimeout = connectTimeout;
        this.tap = tap;
        this.player = player;
        this.think = think;
        this.scheduler = scheduler;
        this.random = new Random(seed);
        this.clock = clock;
    }

    @Override
    public CompletableFuture<WebSocket> connect(URI ignored, WebSocket.Listener listener) {
        URI target = player.pick();
        TrafficTap.Conn conn = tap.newConn(player, target);
        Tap t = new Tap(conn, listener);
        CompletableFuture<WebSocket> opened;
        try {
            opened = opener.open(target, connectTimeout, t);
        } catch (RuntimeException e) {
            opened = CompletableFuture.failedFuture(e);
        }
        return opened.handle((ws, e) -> {
            if (e != null) {
                tap.connectFailed(conn, clock.getAsLong());
                throw e instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(e);
            }
            return t.bind(ws);
        });
    }

    /** Draws a think time in nanoseconds. */
    private long thinkNanos() {
        if (think.maxMillis() <= 0) {
            return 0;
        }
        long ms;
        synchronized (random) {
            ms = think.minMillis() + (long) (random.nextDouble() * (think.maxMillis() - think.minMillis()));
        }
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** Listener towards the socket, WebSocket towards the bot's client. */
    final class Tap implements WebSocket.Listener {
        private final TrafficTap.Conn conn;
        private final WebSocket.Listener inner;
        private final TapSocket socket = new TapSocket();
        private final ArrayDeque<Item> queue = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket ws;
        private boolean opened;
        private boolean delivering;
        private boolean timerSet;
        private boolean ended;

        Tap(TrafficTap.Conn conn, WebSocket.Listener inner) {
            this.conn = conn;
            this.inner = inner;
        }

        synchronized WebSocket bind(WebSocket w) {
            if (ws == null) {
                ws = w;
            }
            if (!opened) {
                opened = true;
                tap.opened(conn, clock.getAsLong());
                enqueue(new Item(Kind.OPEN, null, 0, null, clock.getAsLong()));
            }
            return socket;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            bind(webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            String text;
            if (partial.length() > 0) {
                partial.append(data);
                text = partial.toString();
                partial.setLength(0);
            } else {
                text = data.toString();
            }
            long now = clock.getAsLong();
            ServerMessage decoded = null;
            FrameFields fields;
            try {
                decoded = CODEC.decodeServer(text);
                fields = FrameFields.of(decoded);
            } catch (RuntimeException e) {
                fields = FrameFields.scan(text); // the bot's client decodes it again and counts a bad frame
            }
            long hold = "your_turn".equals(fields.type()) ? thinkNanos() : 0;
            tap.received(conn, fields, now, hold);
            Item item = new Item(Kind.TEXT, text, 0, null, now + hold);
            item.message = decoded;
            enqueue(item);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(new Item(Kind.CLOSE, reason, statusCode, null, 0));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(new Item(Kind.ERROR, null, 0, error, 0));
        }

        private void end(Item item) {
            long now = clock.getAsLong();
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                // the connection is gone: hand over what was held at once, then the end
                for (Item i : queue) {
                    i.due = now;
                }
                item.due = now;
                queue.add(item);
            }
            tap.closed(conn, now);
            drain();
        }

        private void abandon() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                queue.clear();
            }
            tap.closed(conn, clock.getAsLong());
        }

        private void enqueue(Item item) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                queue.add(item);
            }
            drain();
        }

        /** Delivers due items in order; one thread at a time. */
        private void drain() {
            while (true) {
                Item item;
                synchronized (this) {
                    if (delivering) {
                        return;
                    }
                    item = queue.peek();
                    if (item == null) {
                        return;
                    }
                    long wait = item.due - clock.getAsLong();
                    if (wait > 0) {
                        if (!timerSet) {
                            timerSet = true;
                            try {
                                scheduler.schedule(() -> {
                                    synchronized (this) {
                                        timerSet = false;
                                    }
                                    drain();
                                }, wait, TimeUnit.NANOSECONDS);
                            } catch (RejectedExecutionException e) {
                                timerSet = false;
                                item.due = 0; // shutting down: deliver now
                                continue;
                            }
                        }
                        return;
                    }
                    queue.poll();
                    delivering = true;
                }
                try {
                    deliver(item);
                } catch (RuntimeException e) {
                    // the bot's client guards its own listener; nothing useful to do here
                } finally {
                    synchronized (this) {
                        delivering = false;
                    }
                }
            }
        }

        private void deliver(Item item) {
            switch (item.kind) {
                case OPEN -> inner.onOpen(socket);
                case TEXT -> {
                    if (item.message != null && inner instanceof PokerClient.DecodedListener d) {
                        d.onDecoded(socket, item.message);
                    } else {
                        inner.onText(socket, item.text, true);
                    }
                }
                case CLOSE -> inner.onClose(socket, item.code, item.text == null ? "" : item.text);
                case ERROR -> inner.onError(socket, item.error);
            }
        }

        /** The socket as the bot's client sees it: sends are observed; flow control is the tap's. */
        final class TapSocket implements WebSocket {
            private WebSocket real() {
                WebSocket w = ws;
                if (w == null) {
                    throw new IllegalStateException("not connected");
                }
                return w;
            }

            @Override
            public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
                String text = data.toString();
                tap.sent(conn, text, clock.getAsLong());
                return real().sendText(text, last).thenApply(w -> this);
            }

            @Override
            public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
                return real().sendBinary(data, last).thenApply(w -> this);
            }

            @Override
            public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
                return real().sendPing(message).thenApply(w -> this);
            }

            @Override
            public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
                return real().sendPong(message).thenApply(w -> this);
            }

            @Override
            public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
                return real().sendClose(statusCode, reason).thenApply(w -> this);
            }

            @Override
            public void request(long n) {
                // the tap reads the socket itself (so that it sees frames while a prompt is held)
            }

            @Override
            public String getSubprotocol() {
                return real().getSubprotocol();
            }

            @Override
            public boolean isOutputClosed() {
                return real().isOutputClosed();
            }

            @Override
            public boolean isInputClosed() {
                return real().isInputClosed();
            }

            @Override
            public void abort() {
                WebSocket w = ws;
                if (w != null) {
                    w.abort();
                }
                // the JDK reports nothing to the listener after an abort, and the bot's client settles its
                // own state when it aborts: only the tap needs to know, and nothing more is delivered
                abandon();
            }
        }
    }

    private enum Kind { OPEN, TEXT, CLOSE, ERROR }

    private static final class Item {
        final Kind kind;
        final String text;
        final int code;
        final Throwable error;
        long due;
        ServerMessage message; // a TEXT item's message, when it decoded

        Item(Kind kind, String text, int code, Throwable error, long due) {
            this.kind = kind;
            this.text = text;
            this.code = code;
            this.error = error;
            this.due = due;
        }
    }
}
