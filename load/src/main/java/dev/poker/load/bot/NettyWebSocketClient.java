package dev.poker.load.bot;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The load tools' WebSocket client: Netty's {@link WebSocketClientHandshaker} and frame codec on one shared
 * {@link EventLoopGroup} (epoll when available), {@code ws://} and {@code wss://}. Each connection is presented
 * as a {@link java.net.http.WebSocket}, so the bot library's {@link PokerClient} and the load generator's tap
 * use it exactly like the JDK's client.
 *
 * <p>Each connection belongs to one event-loop thread, which reads it and calls its {@link WebSocket.Listener}
 * (so a connection's callbacks never overlap, and listeners must not block). What a connection does:
 * the upgrade with a subprotocol (the server must agree to it), masked client frames, fragmented server
 * messages delivered whole ({@code last == true}), pings answered with a pong, the close handshake (a
 * received close is answered once {@link WebSocket.Listener#onClose} has returned), one deadline for the
 * TCP connect and the upgrade ({@link HttpConnectTimeoutException}; {@link HandshakeTimeoutException} when
 * the TCP connection was made), and a maximum message size (a larger message closes the connection with
 * 1009 and reports {@link WebSocket.Listener#onError}). {@link WebSocket#request} is a no-op: every message
 * is delivered as it comes. {@link WebSocket#abort()} drops the connection and calls nothing more. A
 * connection lost without a close frame reports {@link WebSocket.Listener#onError} with an
 * {@link IOException}.
 *
 * <p>Concurrency: thread-safe. {@link #close()} stops the event loops and drops every connection.
 */
public final class NettyWebSocketClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final int maxMessageBytes;
    private final SslContext givenSsl;
    private SslContext defaultSsl; // guarded by this
    private volatile boolean closed;

    /**
     * A client trusting the JDK's default certificate authorities for {@code wss://}.
     *
     * @param threads         event-loop threads
     * @param threadName      prefix of their names
     * @param maxMessageBytes a larger message (all its fragments) closes the connection with 1009
     */
    public NettyWebSocketClient(int threads, String threadName, int maxMessageBytes) {
        this(threads, threadName, maxMessageBytes, null);
    }

    /** @param ssl the TLS client context for {@code wss://}; null for the JDK's default trust */
    public NettyWebSocketClient(int threads, String threadName, int maxMessageBytes, SslContext ssl) {
        if (threads < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("threads and maxMessageBytes must be positive");
        }
        if (ssl != null && !ssl.isClient()) {
            throw new IllegalArgumentException("the TLS context must be a client context");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.givenSsl = ssl;
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(threadName, true);
        if (Epoll.isAvailable()) {
            group = new EpollEventLoopGroup(threads, threadFactory);
            channelType = EpollSocketChannel.class;
        } else {
            group = new NioEventLoopGroup(threads, threadFactory);
            channelType = NioSocketChannel.class;
        }
    }

    /** One event-loop thread per available processor, 16 MiB messages. */
    public static NettyWebSocketClient create(String threadName) {
        return new NettyWebSocketClient(Math.max(1, Runtime.getRuntime().availableProcessors()), threadName, 16 << 20);
    }

    /** A {@link PokerClient.Connector} opening connections with this client (subprotocol {@code poker.v1}). */
    public PokerClient.Connector connector(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        return (uri, listener) -> connect(uri, "poker.v1", connectTimeout, listener);
    }

    /**
     * Opens a WebSocket to {@code uri} ({@code ws://} or {@code wss://}); the future completes after
     * {@link WebSocket.Listener#onOpen} was called, on the connection's event-loop thread, and fails when the
     * connection or the upgrade fails or takes longer than {@code connectTimeout}.
     *
     * @param subprotocol asked for in {@code Sec-WebSocket-Protocol}; null for none
     */
    public CompletableFuture<WebSocket> connect(URI uri, String subprotocol, Duration connectTimeout,
            WebSocket.Listener listener) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("client closed"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a ws:// or wss:// URL, not " + uri));
        }
        SslContext ssl;
        try {
            ssl = scheme.equals("wss") ? sslContext() : null;
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(e.getCause());
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : ssl != null ? 443 : 80;
        long timeoutMillis = Math.max(1, connectTimeout.toMillis());
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                subprotocol, false, new DefaultHttpHeaders(), maxMessageBytes, true, false, -1, false, false);
        WebSocketClientHandler handler = new WebSocketClientHandler(new ChannelWebSocket(uri), handshaker,
                listener, maxMessageBytes);
        Bootstrap b = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast(ssl.newHandler(ch.alloc(), host, port));
                        }
                        p.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024), handler);
                    }
                });
        ChannelFuture connected;
        try {
            connected = b.connect(host, port);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Channel ch = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                handler.failOpen(f.cause());
            }
        });
        ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> handler.failOpen(ch.isActive()
                ? new HandshakeTimeoutException("WebSocket handshake timed out: " + uri)
                : new HttpConnectTimeoutException("WebSocket connect timed out: " + uri)),
                timeoutMillis, TimeUnit.MILLISECONDS);
        CompletableFuture<WebSocket> opened = handler.opened();
        opened.whenComplete((w, e) -> timer.cancel(false));
        return opened;
    }

    private synchronized SslContext sslContext() {
        if (givenSsl != null) {
            return givenSsl;
        }
        if (defaultSsl == null) {
            try {
                defaultSsl = SslContextBuilder.forClient().build();
            } catch (SSLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return defaultSsl;
    }

    /**
     * Stops the event loops; every connection is dropped (its listener gets {@code onError}). Waits for them
     * to end, unless called on one of them (from a listener).
     */
    @Override
    public void close() {
        closed = true;
        Future<?> done = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return;
            }
        }
        done.syncUninterruptibly();
    }

    /** The server answered the upgrade with something other than 101. */
    public static final class UpgradeRefusedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UpgradeRefusedException(int status, String detail) {
            super("WebSocket upgrade refused: " + detail);
            this.status = status;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }
    }

    /** The TCP connection was made but the upgrade did not finish in time. */
    public static final class HandshakeTimeoutException extends HttpConnectTimeoutException {
        private static final long serialVersionUID = 1L;

        HandshakeTimeoutException(String message) {
            super(message);
        }
    }

    /** The server closed the TCP connection before answering the upgrade. */
    public static final class ClosedDuringUpgradeException extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedDuringUpgradeException(URI uri) {
            super("connection closed during the WebSocket upgrade: " + uri);
        }
    }
}
