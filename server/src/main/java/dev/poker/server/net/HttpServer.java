package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.server.HistoryApi;
import dev.poker.server.NodeConfig;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.session.SessionHandle;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The node's one port: HTTP and WebSocket. Start-up and shutdown only.
 *
 * <p>Concurrency: {@link #start} and {@link #stop} are called once each, from the main thread.
 */
public final class HttpServer {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean epoll = Epoll.isAvailable();
    private Channel channel;

    public HttpServer() {
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
    }

    /** Binds and returns the port listened on. */
    public int start(NodeConfig config, NodeStatus status, PokerMetrics metrics,
            java.util.function.Supplier<java.util.List<dev.poker.protocol.TableSummary>> lobby, ProtocolCodec codec,
            Executor blocking, SessionHandle sessions, HistoryApi history, AdminApi admin) throws InterruptedException {
        HttpRouter http = HttpRouter.forNode(status, metrics, lobby, codec, blocking, config.maxConnections(),
                history, admin);
        int loop = 0;
        for (io.netty.util.concurrent.EventExecutor e : workers) {
            status.liveness().probe("event-loop-" + ++loop, e);
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeHighWaterMark() / 2, config.writeHighWaterMark()))
                .childHandler(new ServerInitializer(http, new SessionFrames(sessions), config.maxFrameBytes()));
        channel = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting connections (existing ones stay open). */
    public void stopAccepting() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    public void stop() {
        stopAccepting();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
